namespace Moderation.Messaging;

/// <summary>An event whose record is stored but not yet marked as published.</summary>
public sealed record PendingEvent(string Key, object Message);
