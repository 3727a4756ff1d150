using Exchange.Grains.Common;

namespace Exchange.Grains.Ledger;

public static class TransferRules
{
    public const int MaxMemoLength = 200;

    public static void Validate(TransferRequest request, string payerAccount)
    {
        if (request.Amount.Fen <= 0 || request.Amount.Fen > Money.MaxFen)
        {
            throw new DomainException(DomainErrors.InvalidAmount, $"A transfer moves a positive amount up to the exchange's limit, not {request.Amount}.", "amount");
        }
        if (!Enum.IsDefined(request.Mode))
        {
            throw new DomainException(DomainErrors.InvalidInput, $"Unknown transfer mode {(int)request.Mode}.", "mode");
        }
        if (request.Memo is null || request.Memo.Length > MaxMemoLength)
        {
            throw new DomainException(DomainErrors.InvalidInput, $"The memo is at most {MaxMemoLength} characters.", "memo");
        }
        if (request.PayeeAccount == payerAccount)
        {
            throw new DomainException(DomainErrors.SameAccount, $"Account {payerAccount} cannot pay itself.", "payee");
        }
        if (AccountId.IsContraAccount(request.PayeeAccount))
        {
            throw new DomainException(DomainErrors.InvalidInput, "Money leaves the exchange by withdrawal, not by transfer.", "payee");
        }
    }
}
