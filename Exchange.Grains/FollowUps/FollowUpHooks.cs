using Microsoft.Extensions.Configuration;

namespace Exchange.Grains.FollowUps;

/// <summary>
/// A test hook: with <c>Exchange:Testing:PauseFollowUpsOf</c> set to a grain type (say <c>patent-transfer</c>), a
/// grain of that type waits <c>Exchange:Testing:PauseFollowUpsFor</c> between writing its state and carrying out its
/// follow-ups, so that a crash test can kill the process exactly there. Off unless configured.
/// </summary>
public sealed class FollowUpHooks
{
    private readonly string? _pausedGrainType;
    private readonly TimeSpan _pause;

    public FollowUpHooks(IConfiguration configuration)
    {
        _pausedGrainType = configuration["Exchange:Testing:PauseFollowUpsOf"];
        _pause = configuration.GetValue("Exchange:Testing:PauseFollowUpsFor", TimeSpan.FromMinutes(1));
    }

    public FollowUpHooks()
    {
    }

    internal Task AfterStateWriteAsync(GrainId grain) =>
        _pausedGrainType is not null && grain.Type.ToString() == _pausedGrainType ? Task.Delay(_pause) : Task.CompletedTask;
}
