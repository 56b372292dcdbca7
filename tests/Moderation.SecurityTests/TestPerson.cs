namespace Moderation.SecurityTests;

/// <summary>Someone the test issuer signs in: the roles and the publisher its tokens carry.</summary>
public sealed record TestPerson(string Name, IReadOnlyList<string> Roles, string? Publisher = null);
