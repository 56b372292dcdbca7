namespace Moderation.Client;

public sealed record RedriveResult(string Queue, int Moved);
