using Moderation.Audit;
using Moderation.Classification;
using Moderation.Ingestion;
using Moderation.Messaging;
using Moderation.Review;
using Moderation.ServiceDefaults;
using Moderation.Storage;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation", defaultUrl: "http://127.0.0.1:5080");
builder.AddModerationStorage();
builder.AddIngestion();
builder.AddClassification();
builder.AddReview();
builder.AddAudit();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapErrorQueueEndpoints();
app.MapIngestion();
app.MapClassification();
app.MapReview();
app.MapAudit();
app.Run();
