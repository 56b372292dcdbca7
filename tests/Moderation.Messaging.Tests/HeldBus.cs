using System.Reflection;
using MassTransit;

namespace Moderation.Messaging.Tests;

/// <summary>A bus whose publishes land at once, or, while held, only when the test lands them.</summary>
public class HeldBus : DispatchProxy
{
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _waiting = [];

    public bool Held { get; set; }

    public List<object> Published { get; } = [];

    public static (IBus Bus, HeldBus Control) Create()
    {
        var bus = Create<IBus, HeldBus>();
        return (bus, (HeldBus)(object)bus);
    }

    public void LandAll()
    {
        lock (_lock)
        {
            _waiting.ForEach(w => w.SetResult());
            _waiting.Clear();
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name != nameof(IBus.Publish))
        {
            throw new NotSupportedException(targetMethod.Name);
        }

        lock (_lock)
        {
            Published.Add(args![0]!);
            if (!Held)
            {
                return Task.CompletedTask;
            }

            var landing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add(landing);
            return landing.Task;
        }
    }
}
