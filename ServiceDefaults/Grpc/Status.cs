namespace Alliance.ServiceDefaults.Grpc;

/// <summary>The outcome of a call: a code and a detail meant for a person.</summary>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    public static readonly Status DefaultSuccess = new(StatusCode.OK, "");

    public override string ToString() => $"Status(StatusCode=\"{StatusCode}\", Detail=\"{Detail}\")";
}
