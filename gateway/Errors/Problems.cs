namespace Alliance.Gateway.Errors;

/// <summary>Problems the gateway answers itself, before any service is called. Titles are filled in the caller's language.</summary>
public static class Problems
{
    /// <summary>Another subsidiary's records are reported as missing, so their existence does not leak.</summary>
    public static IResult SubsidiaryNotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The subsidiary was not found.");

    public static IResult NoSuchEndpoint() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such API endpoint.");
}
