// What every feature of the service uses: who acted, rule errors, client requests, paging (Common/).
global using Alliance.Talent.Common;
global using static Alliance.Talent.Common.UseCases;
