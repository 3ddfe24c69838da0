using Alliance.Organization.Demo;
using Alliance.Tools.DemoData;

// dotnet run --project tools/DemoData [-- --seed N] [--out PATH]
// Writes the demo group (shaped like the articles) that the organization service loads when demo data is enabled.
var seed = DemoDataGenerator.DefaultSeed;
var output = Path.Combine(FindRepositoryRoot(), "services", "Organization", "Demo", DemoDataFile.FileName);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--seed" when i + 1 < args.Length: seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--out" when i + 1 < args.Length: output = Path.GetFullPath(args[++i]); break;
        default:
            Console.Error.WriteLine("usage: dotnet run --project tools/DemoData [-- --seed N] [--out PATH]");
            return 2;
    }
}

var data = new DemoDataGenerator(seed).Generate();
var bytes = data.ToBytes();
await File.WriteAllBytesAsync(output, bytes);
Console.WriteLine($"wrote {output} ({bytes.Length:N0} bytes, seed {seed})");
foreach (var subsidiary in data.Subsidiaries)
    Console.WriteLine($"  {subsidiary.Code} {subsidiary.Name}: {subsidiary.Organizations.Count} organizations, {subsidiary.People.Count} people");
Console.WriteLine($"  {data.Alliances.Count} alliances, {data.Pairings.Count} pairings, {data.ServiceCenters.Count} service centers");
return 0;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Alliance.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository (Alliance.sln not found), or pass --out.");
}
