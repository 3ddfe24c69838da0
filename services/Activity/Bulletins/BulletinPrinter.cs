using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Alliance.Activity.Bulletins;

/// <summary>Configuration section "Bulletins": the chromium to print with and how long a print may take.</summary>
public sealed class BulletinOptions
{
    public string Chromium { get; set; } = "chromium";
    public TimeSpan PrintTimeout { get; set; } = TimeSpan.FromSeconds(120);
}

/// <summary>Prints a bulletin page to PDF.</summary>
public interface IBulletinPrinter
{
    Task<byte[]> PrintAsync(string html, CancellationToken ct);
}

/// <summary>
/// Prints with Debian's chromium, headless (ADR 42): the page written to a private temporary directory, printed with
/// <c>--print-to-pdf</c> (no header and footer), and the PDF read back. Chromium embeds the subset of the installed
/// Noto CJK font the page uses. A failure is an error of the service (UNAVAILABLE), never the client's.
/// </summary>
public sealed class ChromiumBulletinPrinter(IOptions<BulletinOptions> options, ILogger<ChromiumBulletinPrinter> logger) : IBulletinPrinter
{
    public async Task<byte[]> PrintAsync(string html, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("bulletin-");
        try
        {
            var page = Path.Combine(dir.FullName, "bulletin.html");
            var pdf = Path.Combine(dir.FullName, "bulletin.pdf");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(options.Value.Chromium)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                    $"--user-data-dir={Path.Combine(dir.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                },
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start.");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PrintTimeout);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                logger.LogWarning("chromium printed no PDF (exit {Code}): {Error}", process.ExitCode, await stderr);
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "The bulletin could not be printed; try again."));
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
