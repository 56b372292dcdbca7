using Moderation.LoadDriver;
using Spectre.Console.Cli;

var app = new CommandApp<LoadCommand>();
app.Configure(config => config.SetApplicationName("moderation-load"));
return await app.RunAsync(args);
