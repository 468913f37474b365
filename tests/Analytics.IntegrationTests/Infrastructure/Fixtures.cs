using Analytics.Ingest.Pipeline;
using System.Text;

namespace Analytics.IntegrationTests.Infrastructure;

/// <summary>Small hand-made exports whose figures are computed by hand in the tests.</summary>
public static class Fixtures
{
    public const string Reasons = """
        code,parent_code,name_nl,name_en,department,avoidable
        FAC,,Facturen,Invoices,billing,false
        FAC-ONDUID,FAC,Onduidelijke factuur,Unclear invoice,billing,true
        STO,,Storingen,Outages,operations,false
        STO-INT,STO,Storing internet,Internet outage,operations,true
        VER,,Verhuizen,Moving,sales,false
        VER-ADRES,VER,Verhuizing doorgeven,Report a move,sales,false
        """;

    // Team Noord: A1 (3 contacts), A2 (2); Team Zuid: B1 (3). March 2026 except K9 (February).
    public const string Contacts = """
        contact_id,channel,queue,started_at,ended_at,wait_s,talk_s,hold_s,acw_s,transfers,outcome,agent_id,agent_name,team_code,team_name,customer_key,reason_code,notes
        K1,phone,billing,2026-03-02T09:00:00+01:00,2026-03-02T09:05:00+01:00,30,300,0,20,0,resolved,A1,Anna,T1,Team Noord,C1,FAC-ONDUID,klant begreep factuur niet
        K2,chat,tech,2026-03-03T10:00:00+01:00,,12,200,0,10,1,transferred,A1,Anna,T1,Team Noord,C2,STO-INT,internet ligt eruit
        K3,phone,tech,2026-03-04T11:00:00+01:00,,40,500,60,30,0,resolved,A1,Anna,T1,Team Noord,C3,STO-INT,modem herstart
        K4,email,billing,2026-03-05T12:00:00+01:00,,0,0,0,300,0,resolved,A2,Bert,T1,Team Noord,C4,FAC-ONDUID,uitleg gegeven per mail
        K5,phone,sales,2026-03-06T13:00:00+01:00,,20,240,0,15,0,resolved,A2,Bert,T1,Team Noord,C5,VER-ADRES,nieuw adres doorgegeven
        K6,phone,billing,2026-03-09T09:30:00+01:00,,25,310,0,25,0,resolved,B1,Cees,T2,Team Zuid,C6,FAC-ONDUID,factuur toegelicht
        K7,phone,tech,2026-03-10T14:00:00+01:00,,90,620,120,40,2,callback,B1,Cees,T2,Team Zuid,C7,STO-INT,storing gemeld
        K8,chat,sales,2026-03-11T15:00:00+01:00,,5,180,0,5,0,resolved,B1,Cees,T2,Team Zuid,C8,VER-ADRES,verhuizing ingepland
        K9,phone,billing,2026-02-20T09:00:00+01:00,,30,300,0,20,0,resolved,A1,Anna,T1,Team Noord,C9,FAC-ONDUID,februari
        """;

    // NPS in March: 10 responses. Promoters (9-10): S1,S2,S4,S8,S9 = 5; passives (7-8): S3,S6,S10 = 3; detractors (0-6): S5,S7 = 2.
    // NPS = (5 - 2) / 10 = +30. Team Noord (K1-K5: S1..S6): P=3 (S1,S2,S4) Pa=2 (S3,S6) D=1 (S5) -> +33.33. Team Zuid (S7..S10): P=2 D=1 Pa=1 -> +25.
    // S11 is in February and must not count. S12 is CES. S13 is a bad row (score 11 out of range).
    public const string Surveys = """
        response_id,type,score,comment,responded_at,contact_id,customer_key
        S1,nps,10,Heel goed geholpen,2026-03-02T12:00:00+01:00,K1,C1
        S2,nps,9,,2026-03-03T12:00:00+01:00,K2,C2
        S3,nps,8,prima,2026-03-04T12:00:00+01:00,K3,C3
        S4,nps,9,snel antwoord,2026-03-05T18:00:00+01:00,K4,C4
        S5,nps,3,"Duurde veel te lang, mail me op jan@example.nl",2026-03-06T18:00:00+01:00,K5,C5
        S6,nps,7,,2026-03-07T09:00:00+01:00,K5,C5
        S7,nps,0,Nog steeds geen internet,2026-03-10T20:00:00+01:00,K7,C7
        S8,nps,10,,2026-03-09T20:00:00+01:00,K6,C6
        S9,nps,9,,2026-03-12T08:00:00+01:00,K8,C8
        S10,nps,8,,2026-03-12T09:00:00+01:00,K8,C8
        S11,nps,0,februari telt niet mee,2026-02-21T09:00:00+01:00,K9,C9
        S12,ces,6,makkelijk,2026-03-12T09:00:00+01:00,K8,C8
        S13,nps,11,,2026-03-12T09:00:00+01:00,K8,C8
        """;

    public static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv.Replace("\r\n", "\n") + "\n"));

    public static async Task LoadAllAsync(IngestService ingest)
    {
        await ingest.IngestAsync("reasons", Stream(Reasons), "reasons.csv", CancellationToken.None);
        await ingest.IngestAsync("contacts", Stream(Contacts), "contacts.csv", CancellationToken.None);
        await ingest.IngestAsync("surveys", Stream(Surveys), "surveys.csv", CancellationToken.None);
    }
}
