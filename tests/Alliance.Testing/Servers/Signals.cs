using System.Runtime.InteropServices;

namespace Alliance.Testing.Servers;

/// <summary>POSIX signals by pid: immediate, no child process, safe inside a process-exit handler.</summary>
public static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigQuit = 3;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    public static bool Send(int pid, int signal) => KillNative(pid, signal) == 0;
}
