using Microsoft.Extensions.Configuration;

namespace Exchange.Grains.FollowUps;

/// <summary>
/// A test hook: with <c>Exchange:Testing:PauseBeforeFollowUp</c> set (to a part of a follow-up's id, such as
/// <c>:recorded</c>), a grain whose state was just written with such a follow-up pending waits
/// <c>Exchange:Testing:PauseFor</c> before carrying its follow-ups out, so that a crash test can kill the process
/// exactly between the state write and its follow-ups. Off unless configured.
/// </summary>
public sealed class FollowUpHooks
{
    private readonly string? _pauseBefore;
    private readonly TimeSpan _pause;

    public FollowUpHooks(IConfiguration configuration)
    {
        _pauseBefore = configuration["Exchange:Testing:PauseBeforeFollowUp"];
        _pause = configuration.GetValue("Exchange:Testing:PauseFor", TimeSpan.FromMinutes(1));
    }

    public FollowUpHooks()
    {
    }

    internal Task AfterStateWriteAsync(IReadOnlyList<FollowUp> pending) =>
        _pauseBefore is { Length: > 0 } part && pending.Any(f => f.Id.Contains(part, StringComparison.Ordinal)) ? Task.Delay(_pause) : Task.CompletedTask;
}
