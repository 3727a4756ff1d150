using Exchange.Grains.Audit;
using Exchange.Grains.Common;
using Exchange.Grains.Ledger;
using Exchange.Grains.Patents;
using Exchange.Grains.Storage;
using Orleans.Streams;

namespace Exchange.Grains.Licenses;

[GrainType("license")]
internal sealed class LicenseGrain(
    [PersistentState(StateNames.License, StateNames.StorageProvider)] IPersistentState<LicenseState> license,
    IExchangeStore store,
    TimeProvider clock)
    : Grain, ILicenseGrain, IRemindable
{
    private const string ExpiryReminder = "license-expiry";
    public const int PaymentDays = 30;
    public const int DefaultGraceDays = 60;
    private LicenseLifecycle _lifecycle = null!;

    private Guid Id => this.GetPrimaryKey();
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    private DraftLicense Draft_ => license.State.Draft ?? throw new DomainException(DomainErrors.LicenseNotFound, $"Licence {Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lifecycle = new LicenseLifecycle(() => license.State.Status, s => license.State.Status = s,
            () => license.State.RequiredConsents.All(license.State.Consents.Contains));
        if (license.State.Draft is not null && _lifecycle.HoldsScope)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        }
    }

    public async Task<LicenseSnapshot> Draft(DraftLicense draft, Actor actor)
    {
        if (license.State.Draft is { } existing)
        {
            var same = existing.ApplicationNumbers.SequenceEqual(draft.ApplicationNumbers) && existing.Licensee == draft.Licensee
                && LicenseTerms.Same(existing.Terms, draft.Terms) && existing.Start == draft.Start;
            return same ? Snapshot() : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Licence {Id} was drafted with other terms.");
        }
        var terms = LicenseTerms.Validate(draft.Terms, "terms");
        var numbers = (draft.ApplicationNumbers ?? []).Select(n => ApplicationNumber.Parse(n).ToString()).Distinct().ToArray();
        if (numbers.Length is 0 or > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A licence covers 1–100 patents.", "applicationNumbers");
        }
        if (draft.Start < Today || draft.Start.Year > 9000)
        {
            throw new DomainException(DomainErrors.InvalidInput, "A licence starts today or later.", "start");
        }
        var end = draft.Start.AddMonths(terms.TermMonths);
        var licensors = new SortedSet<Guid>();
        foreach (var number in numbers)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.", "applicationNumbers");
            if (!patent.IsInForce)
            {
                throw new DomainException(DomainErrors.PatentNotInForce, $"Patent {number} is {patent.LegalStatus}; no licence starts on it.");
            }
            // The term is half-open: a licence may run up to and including the patent's last day in force.
            if (end > patent.LastDayOfTerm.AddDays(1))
            {
                throw new DomainException(DomainErrors.LicenseBeyondPatentTerm, $"The licence would run to {end:yyyy-MM-dd}, past the expiry of patent {number} on {patent.LastDayOfTerm:yyyy-MM-dd}.");
            }
            licensors.UnionWith(patent.Owners.Select(o => o.ParticipantId));
            if (license.State.IpcSubclass.Length == 0)
            {
                license.State.IpcSubclass = Navigation.MarketStatistics.Subclass(patent.IpcClasses[0]);
            }
        }
        if (licensors.Contains(draft.Licensee))
        {
            throw new DomainException(DomainErrors.InvalidInput, "An owner does not license its own patent to itself.", "licensee");
        }
        license.State.Draft = draft with { ApplicationNumbers = numbers, Terms = terms };
        license.State.Licensors = [.. licensors];
        license.State.Scope = new LicenseScope(draft.Start, end, terms.Territories, terms.Fields);
        license.State.Status = LicenseStatus.Draft;
        // An ordinary licence may be granted by any co-owner alone (Patent Law Art. 14); exclusive and sole ones need them all.
        license.State.RequiredConsents = terms.Type == LicenseType.Ordinary ? [] : [.. licensors];
        await WriteAsync("drafted", actor, $"{terms.Type} licence of {string.Join(", ", numbers)} to {draft.Licensee}");
        return Snapshot();
    }

    public Task<LicenseSnapshot?> TryGet() => Task.FromResult(license.State.Draft is null ? null : Snapshot());

    public async Task<LicenseSnapshot> Submit(Actor actor)
    {
        var draft = Draft_;
        if (_lifecycle.Status != LicenseStatus.Draft)
        {
            _lifecycle.Fire(LicenseTrigger.Submit); // ignored once submitted; refused once ended
            if (_lifecycle.Status == LicenseStatus.ConsentsPending && license.State.RequiredConsents.All(license.State.Consents.Contains))
            {
                // An activation interrupted after the claims were made: finish it.
                await ActivateAsync(actor);
            }
            return Snapshot();
        }
        var claim = new LicenseClaim(Id, draft.Terms.Type, license.State.Scope!);
        var claimed = new List<IPatentGrain>();
        try
        {
            foreach (var number in draft.ApplicationNumbers)
            {
                var patent = GrainFactory.GetGrain<IPatentGrain>(number);
                await patent.ClaimLicense(claim);
                claimed.Add(patent);
            }
        }
        catch (Exception)
        {
            // All patents or none: a conflict (or a fault) on one frees the claims already made on the others.
            foreach (var patent in claimed)
            {
                try
                {
                    await patent.ReleaseLicense(Id);
                }
                catch (Exception)
                {
                    // Best effort: the original failure is the one to report; a retried submit claims again idempotently.
                }
            }
            throw;
        }
        _lifecycle.Fire(LicenseTrigger.Submit);
        await WriteAsync("submitted", actor, "scope claimed on the patents");
        await this.RegisterOrUpdateReminder(ExpiryReminder, TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        await store.SetWakeupAsync(WakeupKinds.License, Id.ToString("N"), wake: true);
        if (license.State.RequiredConsents.Count == 0)
        {
            await ActivateAsync(actor);
        }
        return Snapshot();
    }

    public async Task<LicenseSnapshot> Consent(Actor owner)
    {
        _ = Draft_;
        if (!license.State.RequiredConsents.Contains(owner.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {owner.ParticipantId}'s consent is not needed for licence {Id}.");
        }
        if (_lifecycle.Status != LicenseStatus.ConsentsPending || license.State.Scope!.End <= Today)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id} is {_lifecycle.Status}{(license.State.Scope!.End <= Today ? " and its term is over" : "")}; consents are given while they are pending.");
        }
        if (license.State.Consents.Add(owner.ParticipantId))
        {
            await WriteAsync($"consent:{owner.ParticipantId:N}", owner, "co-owner consents");
        }
        if (license.State.RequiredConsents.All(license.State.Consents.Contains))
        {
            await ActivateAsync(owner);
        }
        return Snapshot();
    }

    private async Task ActivateAsync(Actor actor)
    {
        if (Draft_.Terms.UpfrontFee.Fen > 0)
        {
            // The licence takes effect against its upfront fee, paid from the licensee to the owners (and inventors)
            // in one posting named after the licence: repeated activations pay it once.
            await PayIntoDistributionAsync("upfront-fee", Draft_.Terms.UpfrontFee, new Actor(Draft_.Licensee, "Licensee"), $"upfront fee licence {Id:N}");
        }
        _lifecycle.Fire(LicenseTrigger.Activate);
        license.State.EffectiveOn = Today;
        await WriteAsync("active", actor, "in effect");
        await store.SetFilingAsync(Id, FilingDeadline()!.Value, null);
        await PublishAsync(Events.LicenseEventKind.Executed, "executed", Draft_.Terms.UpfrontFee);
    }

    /// <summary>Publishes on the licence's stream; the event id names the licence and the change, so consumers can de-duplicate.</summary>
    private async Task PublishAsync(Events.LicenseEventKind kind, string change, Money amount)
    {
        var stream = this.GetStreamProvider(Events.ExchangeStreams.Provider)
            .GetStream<Events.LicenseEvent>(StreamId.Create(Events.ExchangeStreams.LicenseNamespace, Id));
        await stream.OnNextAsync(new Events.LicenseEvent($"license:{Id:N}:{change}", Id, kind, clock.GetUtcNow(), amount, Draft_.ApplicationNumbers[0], license.State.IpcSubclass));
    }

    /// <summary>Record filing is due within three months of the licence taking effect (2023 Regulations Art. 15).</summary>
    private DateOnly? FilingDeadline() => license.State.EffectiveOn?.AddMonths(3);

    public async Task<LicenseSnapshot> ObtainOpenLicense(string applicationNumber, DateOnly start, Actor licensee)
    {
        var number = ApplicationNumber.Parse(applicationNumber).ToString();
        var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet()
            ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {number} is not registered.");
        var declaration = license.State.Draft?.Terms is { } drafted ? new OpenLicenseDeclaration(drafted, Guid.Empty, start)
            : patent.OpenLicense ?? throw new DomainException(DomainErrors.NoOpenLicense, $"Patent {number} is not offered under an open licence.");
        await Draft(new DraftLicense([number], licensee.ParticipantId, declaration.Terms, start), licensee);
        // Submitting claims the scope first, then activation collects the published upfront fee: notice and payment.
        return await Submit(licensee);
    }

    public async Task<LicenseSnapshot> FileRecord(string filingReference, Actor actor)
    {
        var draft = Draft_;
        if (string.IsNullOrWhiteSpace(filingReference) || filingReference.Length > 100)
        {
            throw new DomainException(DomainErrors.InvalidInput, "The filing reference has 1–100 characters.", "filingReference");
        }
        if (license.State.FiledOn is not null)
        {
            return Snapshot();
        }
        if (_lifecycle.Status is not (LicenseStatus.Active or LicenseStatus.Suspended))
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id} is {_lifecycle.Status}; a licence is filed once in effect.");
        }
        foreach (var number in draft.ApplicationNumbers)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(number).TryGet();
            if (patent?.LegalStatus == LegalStatus.GracePeriod)
            {
                throw new DomainException(DomainErrors.FilingRefused, $"Patent {number} has an annual fee in its grace period; the filing is refused until it is paid.");
            }
        }
        license.State.FiledOn = Today;
        license.State.FilingReference = filingReference.Trim();
        await WriteAsync("filed", actor, $"filed as {filingReference}{(Today > FilingDeadline() ? " (late)" : "")}");
        await store.SetFilingAsync(Id, FilingDeadline()!.Value, Today);
        return Snapshot();
    }

    /// <summary>Money from the licensee straight to the recipients in one balanced posting, its id naming the licence and the purpose.</summary>
    private async Task PayIntoDistributionAsync(string purpose, Money amount, Actor licensee, string memo) =>
        await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(Draft_.Licensee)).Distribute($"{purpose}:{Id:N}", await RecipientsAsync(amount), memo, licensee);

    public async Task<RoyaltyInvoice> ReportNetSales(int periodIndex, Money netSales, Actor licensee)
    {
        var draft = Draft_;
        if (licensee.ParticipantId != draft.Licensee)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the licensee reports net sales under licence {Id}.");
        }
        if (license.State.Invoices.FirstOrDefault(i => i.PeriodIndex == periodIndex) is { } reported)
        {
            return reported.NetSales == netSales ? reported
                : throw new DomainException(DomainErrors.IdempotencyKeyReused, $"Period {periodIndex} of licence {Id} was reported at {reported.NetSales}, not {netSales}.");
        }
        if (license.State.EffectiveOn is null)
        {
            // Reports are owed for every period the licence was in effect, also after it ended or was terminated.
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id} is {_lifecycle.Status}; royalties are reported on a licence that took effect.");
        }
        var monthsPerPeriod = 12 / draft.Terms.PaymentsPerYear;
        if (periodIndex < 0 || periodIndex >= (draft.Terms.TermMonths + monthsPerPeriod - 1) / monthsPerPeriod)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Licence {Id} has no payment period {periodIndex}.", "periodIndex");
        }
        var periodStart = draft.Start.AddMonths(periodIndex * monthsPerPeriod);
        var periodEnd = draft.Start.AddMonths((periodIndex + 1) * monthsPerPeriod);
        if (periodIndex < 0 || periodStart >= license.State.Scope!.End || periodEnd > Today)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Period {periodIndex} of licence {Id} has not ended yet or lies outside the licence.", "periodIndex");
        }
        var royalty = RoyaltyRules.Due(netSales, draft.Terms.RoyaltyRateBasisPoints, draft.Terms.MinimumAnnualRoyalty, draft.Terms.PaymentsPerYear,
            periodIndex % draft.Terms.PaymentsPerYear);
        var invoice = new RoyaltyInvoice(periodIndex, periodStart, periodEnd, netSales, royalty, periodEnd.AddDays(PaymentDays), null, Money.Zero);
        license.State.Invoices.Add(invoice);
        await WriteAsync($"royalty-reported:{periodIndex}", licensee, $"net sales {netSales}, royalty {royalty} due {invoice.DueDate:yyyy-MM-dd}");
        await PublishAsync(Events.LicenseEventKind.RoyaltyReported, $"reported:{periodIndex}", royalty);
        return invoice;
    }

    public async Task<RoyaltyInvoice> PayRoyalty(int periodIndex, Actor licensee)
    {
        var draft = Draft_;
        if (licensee.ParticipantId != draft.Licensee)
        {
            throw new DomainException(DomainErrors.Forbidden, $"Only the licensee pays royalties under licence {Id}.");
        }
        var index = license.State.Invoices.FindIndex(i => i.PeriodIndex == periodIndex);
        if (index < 0)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Period {periodIndex} of licence {Id} has not been reported.", "periodIndex");
        }
        var invoice = license.State.Invoices[index];
        if (invoice.PaidOn is not null)
        {
            return invoice;
        }
        var monthsLate = Patents.AnnualFeeCalculator.WholeMonthsLate(invoice.DueDate, Today);
        var interest = invoice.PaymentPending ? invoice.LateInterest
            : new Money((long)Math.Round(invoice.Royalty.Fen * (decimal)draft.Terms.LateInterestBasisPointsPerMonth * monthsLate / 10_000m, MidpointRounding.AwayFromZero));
        if (!invoice.PaymentPending)
        {
            // Fix the amount before any money moves: a retry next month pays (and records) exactly this, not more.
            invoice = invoice with { LateInterest = interest, PaymentPending = true };
            license.State.Invoices[index] = invoice;
            await WriteAsync($"royalty-payment-started:{periodIndex}", licensee, $"paying {invoice.Royalty + interest}");
        }
        var total = invoice.Royalty + interest;
        if (total.Fen > 0)
        {
            // Straight from the licensee's account to every recipient in one balanced posting, whose id names the
            // licence and the period: a retry pays nothing twice, and no shared escrow account becomes a hot spot.
            await GrainFactory.GetGrain<IAccountGrain>(AccountId.ForParticipant(draft.Licensee)).Distribute(
                $"royalty:{Id:N}:{periodIndex}", await RecipientsAsync(total), $"royalty licence {Id:N} period {periodIndex}", licensee);
        }
        license.State.Invoices[index] = invoice with { PaidOn = Today, PaymentPending = false };
        await WriteAsync($"royalty-paid:{periodIndex}", licensee, $"{total} paid ({monthsLate} month(s) late) and distributed");
        await PublishAsync(Events.LicenseEventKind.RoyaltyPaid, $"paid:{periodIndex}", total);
        await PublishAsync(Events.LicenseEventKind.RoyaltyDistributed, $"distributed:{periodIndex}", total);
        if (_lifecycle.Status == LicenseStatus.Suspended && !HasDefaultedInvoice())
        {
            _lifecycle.Fire(LicenseTrigger.Cure);
            await WriteAsync($"cured:{periodIndex}", licensee, "arrears paid");
        }
        return license.State.Invoices[index];
    }

    /// <summary>
    /// Who receives a royalty: each patent an equal part, each patent's part to its owners by share, and out of an
    /// owner's part the remuneration of its service inventions' registered inventors, by the owner's policy (the
    /// statutory floor unless the owner recorded an agreement or the legacy rule).
    /// </summary>
    private async Task<IReadOnlyList<DistributionPart>> RecipientsAsync(Money total)
    {
        if (license.State.RoyaltyAssignment is { } assignment)
        {
            return [new DistributionPart(assignment.AccountId, total)];
        }
        var numbers = Draft_.ApplicationNumbers;
        var perPatent = Allocation.ByLargestRemainder(total, numbers.Select(_ => 1m).ToArray());
        var parts = new Dictionary<Guid, long>();
        for (var p = 0; p < numbers.Count; p++)
        {
            var patent = await GrainFactory.GetGrain<IPatentGrain>(numbers[p]).TryGet()
                ?? throw new DomainException(DomainErrors.PatentNotFound, $"Patent {numbers[p]} is not registered.");
            var owners = new List<RoyaltyOwner>();
            foreach (var o in patent.Owners)
            {
                var inventors = patent.Inventors.Where(i => i.IsServiceInvention && i.EmployerParticipantId == o.ParticipantId && i.ParticipantId is not null)
                    .Select(i => i.ParticipantId!.Value).ToArray();
                var policy = (await GrainFactory.GetGrain<Participants.IParticipantGrain>(o.ParticipantId).TryGet())?.RemunerationPolicy
                    ?? new RemunerationPolicy(RemunerationBasis.StatutoryFloor);
                owners.Add(new RoyaltyOwner(o.ParticipantId, o.ShareBasisPoints, policy, inventors.Length > 0, inventors));
            }
            foreach (var part in RoyaltyDistribution.ToOwners(perPatent[p], owners))
            {
                parts[part.PartyId] = parts.GetValueOrDefault(part.PartyId) + part.Amount.Fen;
            }
        }
        return parts.Select(p => new DistributionPart(AccountId.ForParticipant(p.Key), new Money(p.Value))).ToArray();
    }

    private bool HasDefaultedInvoice() => license.State.Invoices.Any(i => i.PaidOn is null && Today > i.DueDate.AddDays(DefaultGraceDays));

    public async Task<LicenseSnapshot> AssignRoyalties(RoyaltyAssignment assignment, Actor actor)
    {
        _ = Draft_;
        if (license.State.RoyaltyAssignment == assignment)
        {
            return Snapshot();
        }
        if (license.State.RoyaltyAssignment is { } current)
        {
            throw new DomainException(DomainErrors.InvalidTransition, $"Licence {Id}'s royalties already go to {current.AccountId} ({current.Reason}); end that first.");
        }
        var valid = assignment.Reason == RoyaltyAssignmentReason.Pool
            ? assignment.AccountId.StartsWith("pool:", StringComparison.Ordinal)
            : AccountId.TryGetParticipant(assignment.AccountId, out _);
        if (!valid || !Enum.IsDefined(assignment.Reason))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Royalties assigned for {assignment.Reason} go to a pool collection account or a pledgee's account, not {assignment.AccountId}.", "accountId");
        }
        license.State.RoyaltyAssignment = assignment;
        await WriteAsync($"royalties-assigned:{assignment.AccountId}:{clock.GetUtcNow().UtcTicks}", actor, $"royalties to {assignment.AccountId} ({assignment.Reason})");
        return Snapshot();
    }

    public async Task<LicenseSnapshot> EndRoyaltyAssignment(Actor actor)
    {
        _ = Draft_;
        if (license.State.RoyaltyAssignment is { } current)
        {
            license.State.RoyaltyAssignment = null;
            await WriteAsync($"royalties-unassigned:{current.AccountId}:{clock.GetUtcNow().UtcTicks}", actor, $"royalties back to the owners from {current.AccountId}");
        }
        return Snapshot();
    }

    public async Task<LicenseSnapshot> Terminate(Actor actor)
    {
        var draft = Draft_;
        if (actor != Actor.System && actor.ParticipantId != draft.Licensee && !license.State.Licensors.Contains(actor.ParticipantId))
        {
            throw new DomainException(DomainErrors.Forbidden, $"Participant {actor.ParticipantId} is not a party to licence {Id}.");
        }
        await EndAsync(LicenseTrigger.Terminate, actor, "terminated");
        return Snapshot();
    }

    public async Task<LicenseSnapshot> CheckExpiry()
    {
        _ = Draft_;
        if (_lifecycle.Status == LicenseStatus.Active && HasDefaultedInvoice())
        {
            _lifecycle.Fire(LicenseTrigger.Default);
            await WriteAsync($"suspended:{Today:yyyyMMdd}", Actor.System, $"royalty unpaid {DefaultGraceDays} days past its due date");
            await PublishAsync(Events.LicenseEventKind.Suspended, $"suspended:{Today:yyyyMMdd}", Money.Zero);
        }
        if (_lifecycle.HoldsScope && license.State.Scope!.End <= Today)
        {
            await EndAsync(LicenseTrigger.Expire, Actor.System, $"term ended {license.State.Scope.End:yyyy-MM-dd}");
        }
        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ExpiryReminder && license.State.Draft is not null)
        {
            await CheckExpiry();
        }
    }

    /// <summary>Frees the scope on every patent first (idempotent), then records the end.</summary>
    private async Task EndAsync(LicenseTrigger trigger, Actor actor, string why)
    {
        var before = _lifecycle.Status;
        if (before is LicenseStatus.Terminated or LicenseStatus.Expired)
        {
            _lifecycle.Fire(trigger);
            return;
        }
        foreach (var number in Draft_.ApplicationNumbers)
        {
            await GrainFactory.GetGrain<IPatentGrain>(number).ReleaseLicense(Id);
        }
        _lifecycle.Fire(trigger);
        await WriteAsync(trigger.ToString().ToLowerInvariant(), actor, why);
        await PublishAsync(trigger == LicenseTrigger.Expire ? Events.LicenseEventKind.Expired : Events.LicenseEventKind.Terminated, trigger.ToString().ToLowerInvariant(), Money.Zero);
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await store.SetWakeupAsync(WakeupKinds.License, Id.ToString("N"), wake: false);
    }

    private Task WriteAsync(string action, Actor actor, string details) =>
        license.WriteAndAuditAsync(this, store, $"license:{Id:N}", $"license:{Id:N}:{action}", action, actor, clock.GetUtcNow(), details);

    private LicenseSnapshot Snapshot()
    {
        var d = Draft_;
        return new LicenseSnapshot(Id, d.ApplicationNumbers, license.State.Licensors, d.Licensee, d.Terms, license.State.Scope!, _lifecycle.Status,
            license.State.RequiredConsents, license.State.Consents.ToArray(), license.State.Invoices.ToArray(), license.State.EffectiveOn, FilingDeadline(),
            license.State.FiledOn, license.State.FilingReference, license.State.FiledOn is null && FilingDeadline() is { } deadline && Today > deadline,
            license.State.RoyaltyAssignment);
    }
}
