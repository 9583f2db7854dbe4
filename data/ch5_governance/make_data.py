"""Generate the synthetic data files of chapter 5 (deterministic: seed 5).

    cd data/ch5_governance && ../../.venv/bin/python make_data.py

Writes:
- support_messages.csv  customer messages to the support assistant, with the personal data
                         (PII) each one contains labelled, for measuring a redaction filter.
- pilot_tickets.csv      a four-week pilot: tickets randomly assigned to the assistant or to the
                         existing process (control), with outcome and handling time.

Everything is invented: names, e-mail addresses, phone numbers, IBANs and card numbers are
generated (card numbers pass the Luhn check but belong to no one).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

SEED = 5
HERE = Path(__file__).parent

FIRST = ["Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Karin", "Luca", "Maya", "Nils", "Olga", "Pablo", "Rita", "Sven", "Tara", "Yusuf"]
LAST = ["Berg", "Costa", "Dumont", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova",
        "Jansen", "Keller", "Lambert", "Moreau", "Novak", "Olsen", "Petit", "Richter"]
DOMAINS = ["example.com", "mail.example.org", "post.example.net"]


def luhn_complete(digits: list[int]) -> list[int]:
    """Append the Luhn check digit to a list of digits."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + [(10 - total % 10) % 10]


def card(rng) -> str:
    digits = luhn_complete([4] + list(rng.integers(0, 10, 14)))
    s = "".join(map(str, digits))
    return " ".join(s[i:i + 4] for i in range(0, 16, 4))


def iban_de(rng) -> str:
    bban = [int(x) for x in rng.integers(0, 10, 18)]
    # ISO 13616 check digits: move "DE00" to the end, letters to numbers, mod 97.
    numeric = int("".join(map(str, bban)) + "1314" + "00")
    check = 98 - numeric % 97
    s = f"DE{check:02d}" + "".join(map(str, bban))
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def phone(rng) -> str:
    return f"+49 {rng.integers(150, 180)} {rng.integers(1000000, 9999999)}"


def order_no(rng) -> str:
    # 16 digits in groups of four, like a card number, but not Luhn-valid: a false-positive trap.
    while True:
        digits = [int(x) for x in rng.integers(0, 10, 16)]
        if luhn_complete(digits[:15])[-1] != digits[15]:
            s = "".join(map(str, digits))
            return "ORD " + " ".join(s[i:i + 4] for i in range(0, 16, 4))


TEMPLATES = {
    "en": [
        ("My refund for order {order} has not arrived. You can reach me at {email}.", ["email"]),
        ("Hi, this is {name}. Please call me back on {phone} about my invoice.", ["name", "phone"]),
        ("I was charged twice on card {card}, please refund the second payment.", ["card"]),
        ("Please change my bank account for direct debit to {iban}.", ["iban"]),
        ("How do I reset my password? The app keeps logging me out.", []),
        ("Where is my parcel for order {order}? It says delivered but I have nothing.", []),
        ("My name is {name} and my email {email} no longer works, please update it.",
         ["name", "email"]),
        ("Can I pay the invoice by bank transfer instead of card?", []),
        ("The router shows a red light since yesterday, internet is down.", []),
        ("Cancel my subscription please, I am moving abroad. {name}", ["name"]),
    ],
    "de": [
        ("Meine Rückerstattung für Bestellung {order} ist nicht angekommen. "
         "Erreichbar unter {email}.", ["email"]),
        ("Hallo, hier ist {name}. Bitte rufen Sie mich unter {phone} wegen meiner Rechnung "
         "zurück.", ["name", "phone"]),
        ("Meine Karte {card} wurde doppelt belastet, bitte erstatten Sie die zweite "
         "Zahlung.", ["card"]),
        ("Bitte ändern Sie mein Konto für die Lastschrift auf {iban}.", ["iban"]),
        ("Wie setze ich mein Passwort zurück? Die App meldet mich ständig ab.", []),
        ("Wo ist mein Paket zur Bestellung {order}? Angeblich zugestellt, aber nichts "
         "da.", []),
        ("Ich heiße {name} und meine E-Mail {email} funktioniert nicht mehr.", ["name", "email"]),
        ("Kann ich die Rechnung per Überweisung statt mit Karte bezahlen?", []),
        ("Der Router leuchtet seit gestern rot, das Internet ist weg.", []),
        ("Bitte kündigen Sie mein Abo, ich ziehe ins Ausland. {name}", ["name"]),
    ],
}


def support_messages(rng, n: int = 240) -> list[dict]:
    rows = []
    for i in range(n):
        lang = "en" if rng.random() < 0.7 else "de"
        template, kinds = TEMPLATES[lang][int(rng.integers(0, len(TEMPLATES[lang])))]
        first, last = FIRST[int(rng.integers(0, len(FIRST)))], LAST[int(rng.integers(0, len(LAST)))]
        values = {
            "name": f"{first} {last}",
            "email": f"{first.lower()}.{last.lower()}@{DOMAINS[int(rng.integers(0, 3))]}",
            "phone": phone(rng),
            "card": card(rng),
            "iban": iban_de(rng),
            "order": order_no(rng),
        }
        text = template.format(**values)
        pii = [[k, values[k]] for k in kinds]
        rows.append({"message_id": f"M{i:03d}", "language": lang, "text": text,
                     "pii": json.dumps(pii, ensure_ascii=False)})
    return rows


def pilot_tickets(rng, n_per_arm: int = 2000) -> list[dict]:
    """Control = today's process (FAQ self-service + human agents); assistant = the pilot."""
    rows = []
    params = {
        # P(resolved without a human agent), mean agent minutes (lognormal), CSAT mean
        "control": (0.18, 11.5, 3.9),
        "assistant": (0.41, 9.6, 4.0),
    }
    i = 0
    for arm, (p_self, minutes, csat_mean) in params.items():
        for _ in range(n_per_arm):
            self_served = bool(rng.random() < p_self)
            if self_served:
                handle = 0.0
            else:
                sigma = 0.5
                mu = np.log(minutes) - sigma**2 / 2
                handle = float(np.round(rng.lognormal(mu, sigma), 1))
            csat = int(np.clip(np.round(rng.normal(csat_mean, 0.9)), 1, 5))
            rows.append({"ticket_id": f"T{i:05d}", "arm": arm, "week": int(rng.integers(1, 5)),
                         "resolved_without_agent": int(self_served), "agent_minutes": handle,
                         "csat": csat})
            i += 1
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    rng = np.random.default_rng(SEED)
    write(HERE / "support_messages.csv", support_messages(rng))
    write(HERE / "pilot_tickets.csv", pilot_tickets(rng))


if __name__ == "__main__":
    main()
