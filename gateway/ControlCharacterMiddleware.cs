using System.Text.Json;
using Alliance.Gateway.Scim;
using Alliance.ServiceDefaults.Validation;

namespace Alliance.Gateway;

/// <summary>
/// Refuses control characters (all but tab, CR and LF) in every query-string value, route value and JSON body before
/// an endpoint or a service sees them: a 400 problem with the field named (under <c>/scim</c> a SCIM error, as that
/// family's other 400s), never a 500 from the database refusing a NUL. One place for every endpoint; each service
/// checks every request again (<see cref="ControlCharacters.FirstRefusedField(Google.Protobuf.IMessage)"/>).
/// </summary>
/// <remarks>
/// Runs after authorization, so an anonymous caller cannot make the gateway buffer a body. Form uploads are not read
/// here (their files are bytes and the endpoint reads them after its own checks); the text they carry to a service,
/// a file name, is refused there.
/// </remarks>
public sealed class ControlCharacterMiddleware(RequestDelegate next)
{
    /// <summary>The field name of a JSON body that is itself a string.</summary>
    public const string BodyField = "body";

    public async Task InvokeAsync(HttpContext http)
    {
        var field = FirstRefusedInUrl(http.Request) ?? await FirstRefusedInBodyAsync(http.Request);
        if (field is null)
        {
            await next(http);
            return;
        }
        if (IsScim(http.Request))
        {
            var type = field == "filter" ? ScimType.InvalidFilter : ScimType.InvalidValue;
            await ScimEndpoints.WriteAsync(http.Response, ScimError.Body(400, type, $"{field}: {ControlCharacters.Message}"), 400);
            return;
        }
        await Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [ControlCharacters.Message] }).ExecuteAsync(http);
    }

    static string? FirstRefusedInUrl(HttpRequest request)
    {
        foreach (var (name, value) in request.RouteValues)
            if (value is string text && ControlCharacters.AreIn(text)) return name;
        foreach (var (name, values) in request.Query)
            foreach (var value in values)
                if (ControlCharacters.AreIn(value)) return ControlCharacters.Printable(name);
        return null;
    }

    static async Task<string?> FirstRefusedInBodyAsync(HttpRequest request)
    {
        if (!CarriesJson(request)) return null;
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return ControlCharacters.FirstRefusedField(document.RootElement) is { } path ? (path.Length == 0 ? BodyField : path) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            // Malformed JSON, text that is not UTF-16, a body over the limit: the endpoint reports those in its own words.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>A body an endpoint reads as JSON: a JSON media type, or any body of a SCIM write (SCIM reads every body as JSON).</summary>
    static bool CarriesJson(HttpRequest request) =>
        request.ContentLength != 0
        && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && (request.HasJsonContentType() || IsScim(request));

    static bool IsScim(HttpRequest request) => request.Path.StartsWithSegments("/scim");
}
