namespace Alliance.AppHost.Hosting;

/// <summary>The folder holding Alliance.sln, found by walking up from the AppHost's binaries or the current directory.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Alliance.sln";

    public static string? TryFind()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }
        return null;
    }

    public static string Find() => TryFind()
        ?? throw new InvalidOperationException($"Could not find {SolutionFile} above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");
}
