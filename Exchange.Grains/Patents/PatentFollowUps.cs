using Exchange.Grains.FollowUps;

namespace Exchange.Grains.Patents;

/// <summary>A licence learns that one of its patents was declared invalid on a day (Patent Law 2020 Art. 47).</summary>
internal sealed record TellLicenseOfInvalidation(Guid LicenseId, string ApplicationNumber, DateOnly InvalidatedOn) : FollowUp
{
    public override string Id => $"license-invalidation:{LicenseId:N}:{ApplicationNumber}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<Licenses.ILicenseRights>(LicenseId).PatentInvalidated(ApplicationNumber, InvalidatedOn));
}

/// <summary>A patent transfer still open on a patent that was declared invalid is cancelled, its escrow released.</summary>
internal sealed record CancelPatentTransfer(Guid TransferId, string Reason) : FollowUp
{
    public override string Id => $"cancel-transfer:{TransferId:N}";

    public override Task RunAsync(FollowUpContext context) =>
        context.CallAsync(context.Grains.GetGrain<PatentTransfers.IPatentTransferControl>(TransferId).CancelBecause(Reason));
}
