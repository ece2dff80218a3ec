#!/usr/bin/env bash
# The counts issue 16 names, for anyone to run from the repository root: times, clocks, formats, mail, set-up.
F=src/RunTalkRun/Features
c() { printf '%-62s %s\n' "$1" "$2"; }
c "DateTime properties on entities (public DateTime x { get; set; })" "$(grep -rnE 'public DateTime\?? \w+ \{ get; set; \}' $F --include=*.cs | wc -l)"
c "lines naming DateTime or DateTimeOffset in Features/" "$(grep -rnwE 'DateTime|DateTimeOffset' $F --include=*.cs --include=*.cshtml | wc -l)"
c "DateTime <-> Instant conversions" "$(grep -rnoE 'ToDateTimeUtc\(\)|FromDateTimeUtc|\.ToInstant\(\)|ToDateTimeOffset\(\)|FromDateTimeOffset|DateTime\.SpecifyKind' $F --include=*.cs --include=*.cshtml | wc -l)"
c "hand-written date/time formats" "$(grep -rnE 'ToString\("[^"]*(HH|hh|h:|dd|MMM|yyyy|ddd)[^"]*"|:(HH|hh|h|d|ddd|dddd|MMM|MMMM|yyyy)[ :,.a-zA-Z\x27]*\}' $F --include=*.cs --include=*.cshtml | wc -l)"
c "files formatting dates by hand" "$(grep -rlE 'ToString\("[^"]*(HH|hh|h:|dd|MMM|yyyy|ddd)[^"]*"|:(HH|hh|h|d|ddd|dddd|MMM|MMMM|yyyy)[ :,.a-zA-Z\x27]*\}' $F --include=*.cs --include=*.cshtml | wc -l)"
c "files using TimeProvider" "$(grep -rlw 'TimeProvider' $F src/RunTalkRun/Program.cs src/RunTalkRun/Data --include=*.cs --include=*.cshtml | wc -l)"
c "\" UTC\" shown to people (pages, mails, chat)" "$(grep -rnE '[ }]UTC[ .<\"]' $F --include=*.cs --include=*.cshtml | grep -v '^\s*//' | wc -l)"
c "\"/api/v1\" typed in Features/" "$(grep -rn '"/api/v1' $F --include=*.cs | wc -l)"
c "Outbox.QueueAsync callers" "$(grep -rn 'QueueAsync(' $F --include=*.cs --include=*.cshtml | grep -v 'public ' | wc -l)"
c "mail sent around the outbox (Mailer.SendAsync callers)" "$(grep -rn 'mailer\.SendAsync\|Mailer\.SendAsync\|\.SendAsync(message' $F --include=*.cs | grep -vi 'outboxsender\|class Mailer' | wc -l)"
c "crisis numbers typed by hand in mail text" "$(grep -rnE '116 123|988|13 11 14' $F/Mail $F/Runs $F/Accounts $F/Leading $F/Safety --include=*.cs | wc -l)"
c "BackgroundService subclasses" "$(grep -rn ': BackgroundService' $F --include=*.cs | wc -l)"
c "AddXxx set-up in Shared/WebSetup.cs (services.Add lines)" "$(grep -c 'services\.Add' $F/Shared/WebSetup.cs 2>/dev/null || echo 0)"
c "'coming' filters written out (Status == RsvpStatus.Going ...)" "$(grep -rnE 'Status == RsvpStatus\.(Going|Offered)' $F --include=*.cs --include=*.cshtml | wc -l)"
c "tracked PNGs in docs/screenshots" "$(git ls-files docs/screenshots | grep -c png)"
