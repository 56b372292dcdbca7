using Moderation.Classification;
using Moderation.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-classification", defaultUrl: "http://127.0.0.1:5082");
builder.AddClassification();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapClassification();
app.Run();
