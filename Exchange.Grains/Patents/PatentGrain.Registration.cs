using Exchange.Grains.Common;
using Exchange.Grains.FollowUps;
using Exchange.Grains.Participants;

namespace Exchange.Grains.Patents;

/// <summary>
/// The registration and what makes it trustworthy: anyone may record an application it owns, but only the patent
/// office's record (the operator, or an import of official bibliographic data) and every owner named confirm it, and
/// only a confirmed patent is listed, licensed or transferred. The operator corrects a wrong registration, audited.
/// </summary>
internal sealed partial class PatentGrain
{
    public async Task<PatentSnapshot> Register(RegisterPatent command, Actor actor)
    {
        await _runner.ResumeAsync();
        var record = await ValidatedRecordAsync(command);
        if (State.Registration is { } existing)
        {
            return existing.Matches(record) ? Snapshot()
                : throw new DomainException(DomainErrors.PatentAlreadyRegistered,
                    $"Application {Number} is already registered with other details; if that registration is wrong, the operator corrects it.");
        }
        var official = actor.IsOperator();
        if (!official && !record.Owners.Any(o => o.ParticipantId == actor.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} registers only patents it owns.");
        }
        State.Registration = record;
        State.LegalStatus = LegalStatus.Pending;
        State.RegisteredBy = actor.ParticipantId;
        // Recorded by the operator, the registration is the office's record and binds every owner it names; recorded by
        // an owner, it binds that owner only, and waits for the office's record and the other owners.
        State.OfficeRecord = official ? "registered by the operator" : null;
        State.OwnerConfirmations = official ? [.. record.Owners.Select(o => o.ParticipantId)] : [actor.ParticipantId];
        await _runner.CommitAsync(Audit("registered", actor, $"{record.Title}; owners {string.Join(", ", record.Owners.Select(o => $"{o.ParticipantId} {o.ShareBasisPoints / 100m}%"))}"
            + (official ? "" : "; awaiting the office's record and the other owners' confirmation")));
        return Snapshot();
    }

    public async Task<PatentSnapshot> ConfirmRegistration(string officeRecord, Actor actor)
    {
        await _runner.ResumeAsync();
        _ = Facts.Record;
        RequireOperator(actor, "confirm registrations against the patent office's record");
        var reference = PatentRules.Reference(officeRecord, "officeRecord", "patent office record reference");
        if (State.OfficeRecord != reference)
        {
            State.OfficeRecord = reference;
            await _runner.CommitAsync(Audit("registration-confirmed", actor, $"confirmed against the office's record {reference}"));
        }
        return Snapshot();
    }

    public async Task<PatentSnapshot> ConfirmOwnership(Actor owner)
    {
        await _runner.ResumeAsync();
        RequireOwner(owner.ParticipantId);
        if (State.OwnerConfirmations.Add(owner.ParticipantId))
        {
            await _runner.CommitAsync(Audit($"ownership-confirmed:{owner.ParticipantId:N}", owner, "owner confirms its ownership as registered"));
        }
        return Snapshot();
    }

    public async Task<PatentSnapshot> CorrectRegistration(RegisterPatent corrected, string reason, Actor actor)
    {
        await _runner.ResumeAsync();
        var before = Facts.Record;
        RequireOperator(actor, "correct registrations");
        var why = PatentRules.Reference(reason, "reason", "reason for the correction");
        if (Facts.HeldTransfer(Now) is { } transfer)
        {
            throw new DomainException(DomainErrors.PatentTransferPending, $"Patent {Number} is being transferred (transfer {transfer}); correct it once that ends.");
        }
        var record = await ValidatedRecordAsync(corrected);
        if (before.Matches(record))
        {
            return Snapshot();
        }
        State.Registration = record;
        // The operator corrects from the office's record: the owners it names are the office's, confirmed.
        State.OfficeRecord ??= "corrected by the operator";
        State.OwnerConfirmations = [.. record.Owners.Select(o => o.ParticipantId)];
        // Mandates of owners no longer named end with their ownership.
        State.Mandates.RemoveAll(m => record.Owners.All(o => o.ParticipantId != m.OwnerId));
        await _runner.CommitAsync(Audit("registration-corrected", actor,
            $"{why}: owners {string.Join(", ", before.Owners.Select(o => o.ParticipantId))} -> {string.Join(", ", record.Owners.Select(o => o.ParticipantId))}; title {before.Title} -> {record.Title}"));
        return Snapshot();
    }

    private async Task<PatentRecord> ValidatedRecordAsync(RegisterPatent command)
    {
        var (number, validated) = PatentRules.Validate(command);
        if (number.ToString() != Number)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Application {number} was sent to patent {Number}.", "applicationNumber");
        }
        var record = PatentRecord.From(validated);
        foreach (var owner in record.Owners)
        {
            await ParticipantDirectory.RequireAsync(GrainFactory, owner.ParticipantId, "owners", $"Owner {owner.ParticipantId} is not a registered participant.");
        }
        // Remuneration is paid into a registered inventor's account: it has to exist.
        foreach (var inventor in record.Inventors.Where(i => i.ParticipantId is not null))
        {
            await ParticipantDirectory.RequireAsync(GrainFactory, inventor.ParticipantId!.Value, "inventors", $"Inventor {inventor.Name}'s participant {inventor.ParticipantId} is not registered.");
        }
        return record;
    }

    private static void RequireOperator(Actor actor, string what)
    {
        if (!actor.IsOperator())
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the platform operator may {what}.");
        }
    }
}
