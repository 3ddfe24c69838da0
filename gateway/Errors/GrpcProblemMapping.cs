using Grpc.Core;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Alliance.Gateway.Errors;

/// <summary>
/// The one place that turns failures into RFC 9457 problem details: a service's gRPC status becomes its HTTP status
/// with the service's message and field errors; a malformed request is a 400; anything unexpected is a 500 that
/// carries a trace id and never a stack trace.
/// </summary>
public sealed class GrpcProblemMapping(IProblemDetailsService problems, ILogger<GrpcProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            RpcException rpc => FromRpc(rpc),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Detail = bad.Message },
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError };
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning(exception, "A service call failed on {Method} {Path}", http.Request.Method, http.Request.Path);
        }
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails FromRpc(RpcException rpc)
    {
        var status = ToHttpStatus(rpc.StatusCode);
        var fieldErrors = FieldErrors.From(rpc);
        var problem = fieldErrors.Count > 0
            ? new HttpValidationProblemDetails(fieldErrors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        problem.Status = status;
        // Messages of internal and unavailable failures are for operators, not clients.
        problem.Detail = status >= 500 ? "A service could not complete the request; try again." : rpc.Status.Detail;
        return problem;
    }

    public static int ToHttpStatus(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.FailedPrecondition or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Cancelled => 499,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };
}
