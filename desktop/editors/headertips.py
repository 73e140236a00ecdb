"""What each field of the header form is for: its tooltip (Danish)."""

from __future__ import annotations

FIELD_TIPS = {
    "ministry": "Det ministerium, der sender aktstykket. Står øverst i aktstykket og i "
    "datolinjen. Vælg fra listen, eller skriv navnet.",
    "place": "Byen i datolinjen (»København, den …«), normalt København.",
    "date": "Den dag aktstykket sendes til Finansudvalget. Står i datolinjen, og "
    "kontrollen regner fristerne og folketingsåret ud fra den. Skriv fx 12.11.2025, "
    "eller vælg i kalenderen.",
    "minister": "Navnet på den minister, der underskriver aktstykket, uden titel "
    "(fx »Nicolai Wammen«). Står under underskriften.",
    "finansaar": "Det finansår bevillingen vedrører (fx 2025). Kontrollen bruger det til "
    "tabellens år og til reglen om, at aktstykket skal tiltrædes inden årets udgang.",
    "kind": "Søgende: ministeren anmoder om udvalgets tilslutning (punkt a–f). "
    "Orienterende: udvalget orienteres og skal ikke tage stilling. Typen afgør, hvilke "
    "punkter aktstykket skal have.",
    "category": "Hvad sagen handler om. Kategorien afgør, hvilke særlige krav kontrollen "
    "stiller: et it-projekt skal have udgiftstabel og risikoprofil, bygge og anlæg en "
    "økonomisk ramme med prisniveau; for tilskud, ejendom, generel og andet gælder kun de "
    "almindelige krav. Kategorien står ikke i selve aktstykket.",
    "separate_signature": "Markér, hvis ministeren underskriver på en anden dag end datoen øverst.",
    "signature_date": "Datoen ved ministerens underskrift, når den er en anden end datoen øverst.",
    "session": "Det folketingsår aktstykket hører til (fx 2025-26). Lad feltet stå tomt, "
    "så udledes det af datoen.",
    "target_meeting": "Det møde i Finansudvalget, aktstykket skal nå (normalt en torsdag). "
    "Fristerne for udkast til Finansministeriet, opsætning og aflevering regnes ud fra "
    "mødet.",
}

FLAG_TIPS = {
    "c_not_needed": "Markér, hvis dispositionen ikke følger af en lov eller regel: så "
    "kræver kontrollen ikke punkt c (Hjemmel).",
    "fm_consent_exempt": "Markér, hvis sagen ikke kræver Finansministeriets tilslutning "
    "(fx tips- og lottomidler): så kræves punkt f ikke i den sædvanlige form.",
    "no_expenditure": "Markér, hvis sagen ikke koster noget: så kræves intet beløb i "
    "punkt a, men punkt a skal sige, at dispositionen ikke medfører udgifter.",
    "recurring": "Markér, hvis udgiften kommer igen hvert år: så skal punkt a oplyse den "
    "årlige udgift.",
    "urgent": "Markér, hvis sagen haster: så skal punkt b eller c begrunde hastværket, og "
    "der kan eksporteres et brev til formanden om hastebehandling (Filer-menuen).",
    "new_account": "Markér, hvis der oprettes en ny konto på finansloven: så skal punkt e "
    "skrive »(ny konto)« efter kontohenvisningen.",
    "confidential": "Markér, hvis aktstykket er fortroligt (behandles fortroligt i "
    "Finansudvalget).",
}

AMOUNT_TIPS = {
    "tb_amount": "Den tillægsbevilling aktstykket søger, i mio. kr. Kontrollen "
    "sammenholder den med beløbene i punkt a.",
    "new_laaneramme": "En ny låneramme, der søges, i mio. kr. Kontrollen sammenholder den "
    "med punkt e.",
}
