namespace Moderation.Messaging;

/// <summary>How many messages a redrive moved from a queue's error queue back to the queue.</summary>
public sealed record RedriveCount(string Queue, int Moved);
