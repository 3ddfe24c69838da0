Console.WriteLine("Alliance AppHost: not wired yet.");
