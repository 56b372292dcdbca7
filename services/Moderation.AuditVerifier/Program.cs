using Moderation.AuditVerifier;

return await OfflineVerification.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
