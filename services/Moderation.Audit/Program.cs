using Moderation.Audit;
using Moderation.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-audit", defaultUrl: "http://127.0.0.1:5084");
builder.AddAudit();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapAudit();
app.Run();
