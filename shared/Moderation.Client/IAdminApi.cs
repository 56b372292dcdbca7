using Refit;

namespace Moderation.Client;

/// <summary>Every service's admin endpoints over its error queues (role <c>admin</c>, RabbitMQ only).</summary>
[Headers("Accept: application/json")]
public interface IAdminApi
{
    [Get("/api/v1/admin/error-queues")]
    Task<IReadOnlyList<ErrorQueueView>> ListErrorQueuesAsync(CancellationToken cancellationToken = default);

    [Post("/api/v1/admin/error-queues/{queue}/redrive")]
    Task<RedriveResult> RedriveAsync(string queue, int? max = null, CancellationToken cancellationToken = default);
}
