using Moderation.Classification;
using Moderation.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("moderation-classification");
builder.AddClassification();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapClassification();
app.Run();
