namespace Alliance.Gateway;

/// <summary>Validation at the edge: field errors collected into problem details before any service is called.</summary>
public static class Validate
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required."];
        else if (value.Trim().Length > maxLength) errors[field] = [$"must be at most {maxLength} characters."];
    }

    /// <summary>The client's Idempotency-Key, which makes a create safe to retry; empty when absent.</summary>
    public static string IdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString().Trim();
        return key.Length is > 0 and <= 200 ? key : "";
    }
}
