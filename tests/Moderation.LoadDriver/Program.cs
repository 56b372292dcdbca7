using Moderation.LoadDriver;
using Spectre.Console.Cli;

var app = new CommandApp<LoadCommand>();
app.Configure(config =>
{
    config.SetApplicationName("moderation-load");
    config.AddCommand<SummarizeCommand>("summarize")
        .WithDescription("Summarises the --json reports of a series of runs: one line each, then the medians and how many runs reached the target.");
});
return await app.RunAsync(args);
