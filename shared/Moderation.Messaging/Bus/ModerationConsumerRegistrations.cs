using MassTransit;

namespace Moderation.Messaging;

/// <summary>
/// The consumers each service library contributes. A process may host several services, and
/// MassTransit is configured once per process, so registrations are collected here first.
/// </summary>
public sealed class ModerationConsumerRegistrations
{
    private readonly List<Action<IBusRegistrationConfigurator>> _registrations = [];
    private readonly List<string> _queueNames = [];

    /// <summary>The queues this process consumes from (each also has MassTransit's <c>&lt;queue&gt;_error</c>).</summary>
    public IReadOnlyList<string> QueueNames => _queueNames;

    public void Add(string queueName, Action<IBusRegistrationConfigurator> registration)
    {
        _queueNames.Add(queueName);
        _registrations.Add(registration);
    }

    public void ApplyTo(IBusRegistrationConfigurator configurator)
    {
        foreach (var registration in _registrations)
        {
            registration(configurator);
        }
    }
}
