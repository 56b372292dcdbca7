namespace Moderation.Client;

/// <summary>One of a process's queues and how many messages wait in its error queue.</summary>
public sealed record ErrorQueueView(string Queue, string ErrorQueue, long Messages);
