using Moderation.Review;
using Moderation.ServiceDefaults;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults("moderation-review", defaultUrl: "http://127.0.0.1:5083");
builder.AddReview();
builder.AddModerationBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapReview();
app.Run();
