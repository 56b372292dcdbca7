using Refit;

namespace Moderation.Client;

/// <summary>The Classification service: dry runs (role <c>submitter</c>), training and model versions (role <c>admin</c>).</summary>
[Headers("Accept: application/json")]
public interface IClassificationApi
{
    [Post("/api/v1/classify")]
    Task<ClassificationResult> ClassifyAsync([Body] ClassifyRequest request, CancellationToken cancellationToken = default);

    /// <summary>Body: NDJSON of <see cref="ClassifyRequest"/>; answer: NDJSON of <see cref="ClassificationResult"/> in line order.</summary>
    [Post("/api/v1/classify/batch")]
    Task<HttpResponseMessage> ClassifyBatchAsync([Body] HttpContent ndjson, CancellationToken cancellationToken = default);

    /// <summary>Body: NDJSON of <see cref="TrainingExampleRequest"/>.</summary>
    [Post("/api/v1/training/examples")]
    Task<TrainingExamplesImported> ImportTrainingExamplesAsync([Body] HttpContent ndjson, CancellationToken cancellationToken = default);

    [Post("/api/v1/training/runs")]
    Task<ModelVersionView> StartTrainingRunAsync(CancellationToken cancellationToken = default);

    [Get("/api/v1/models")]
    Task<ModelVersionsPage> ListModelsAsync(CancellationToken cancellationToken = default);
}
