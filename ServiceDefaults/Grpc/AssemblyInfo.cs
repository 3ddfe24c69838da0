using System.Runtime.CompilerServices;

// The wire helpers (framing, timeouts, percent-encoding) are tested directly.
[assembly: InternalsVisibleTo("Alliance.ServiceDefaults.Tests")]
