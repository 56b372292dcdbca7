using System.ComponentModel.DataAnnotations;

namespace Moderation.Messaging;

public sealed class RabbitMqOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    [Required]
    public string VirtualHost { get; set; } = "/";

    [Required]
    public string Username { get; set; } = "guest";

    [Required]
    public string Password { get; set; } = "guest";

    /// <summary>
    /// Declare the service queues as quorum queues (replicated across a RabbitMQ cluster). A queue's
    /// type is fixed when it is first declared: switch on a fresh virtual host.
    /// </summary>
    public bool QuorumQueues { get; set; }
}
