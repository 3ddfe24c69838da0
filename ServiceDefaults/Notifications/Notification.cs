namespace Alliance.ServiceDefaults.Notifications;

/// <summary>What a channel delivers: a title and plain text, and a link into the console when there is one.</summary>
public sealed record Notification(string Title, string Text, Uri? Link = null)
{
    /// <summary>The text with the link on a line of its own, for channels that take one text.</summary>
    public string TextWithLink => Link is null ? Text : $"{Text}\n{Link}";
}

/// <summary>
/// A delivery that did not succeed. <see cref="Retryable"/> is false when sending the same again cannot succeed (a
/// refused address, a wrong secret): the delivery is then shown as failed instead of retried.
/// </summary>
public sealed class DeliveryFailedException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
