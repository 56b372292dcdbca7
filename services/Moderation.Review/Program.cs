using Moderation.Messaging;
using Moderation.Review;
using Moderation.ServiceDefaults;
using Moderation.Storage;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-review", defaultUrl: "http://127.0.0.1:5083");
builder.AddModerationStorage();
builder.AddReview();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapErrorQueueEndpoints();
app.MapReview();
app.Run();
