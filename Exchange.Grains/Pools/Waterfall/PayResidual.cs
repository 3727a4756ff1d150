namespace Exchange.Grains.Pools;

/// <summary>
/// Pays everything still left to the residual holder (the subordinated tranche): the equity's return. It does not
/// repay that tranche's principal (a <see cref="PayPrincipal"/> step does), and it must be the waterfall's last step,
/// since nothing is left after it.
/// </summary>
public sealed record PayResidual(string TrancheId) : WaterfallStep;
