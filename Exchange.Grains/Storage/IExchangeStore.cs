namespace Exchange.Grains.Storage;

/// <summary>
/// The exchange's own tables beside Orleans' grain state, as one object for hosting and tests. Grains depend on
/// the concern they use (<see cref="ILedgerStore"/>, <see cref="IAuditStore"/>, <see cref="IIdempotencyStore"/>,
/// <see cref="IProjectionStore"/>, <see cref="IDirectoryStore"/>, <see cref="IDeadlineStore"/>), never on the whole.
/// </summary>
public interface IExchangeStore : ILedgerStore, IAuditStore, IIdempotencyStore, IProjectionStore, IDirectoryStore, IDeadlineStore;
