// What every feature of the service uses: who acted, audit entries, rule errors, client requests (Common/).
global using Alliance.Activity.Common;
global using static Alliance.ServiceDefaults.Grpc.UseCases;
