"""Phrase material for the synthetic support query log of chapter 4.

Written by hand for the course "From engineer to AI architect" (not taken from any
real service). The product is Tallyfox, the fictional invoicing and expense app of
the course's help centre (data/ch1_foundations/help_centre.md); customers can also
order a Tallyfox card reader from the online shop.

Each intent has:

- ``cacheable``: True when the right answer is the same for every customer (a
  help-centre how-to); False when it depends on the customer's own account, order
  or invoice (a cached answer is wrong even for the same intent);
- ``confusable``: intents that look alike but need a different answer (near misses
  a cache must not confuse: cancel an order vs cancel a subscription, reset vs
  change a password, turn 2FA on vs off, ...);
- ``phrasings``: ways real customers put the question, most common first. They are
  paraphrases written one by one (different words and structure, not one template
  with a word swapped). Personal intents use slots filled at random by make_data.py:
  {inv} an invoice number, {order} an order number, {amt} an amount, {day} a day,
  {bank} a bank name.

``CONTEXT`` holds optional sentences a customer adds before or after the question
(they never change the intent), per topic; ``OPENERS`` and ``CLOSERS`` are
greetings and sign-offs.
"""

from __future__ import annotations

INTENTS: dict[str, dict] = {
    # ------------------------------------------------------------------ login and account
    "reset_password": {
        "topic": "login", "cacheable": True,
        "confusable": ["change_password", "password_email_missing", "account_locked"],
        "phrasings": [
            "How do I reset my password?",
            "reset password",
            "I forgot my password",
            "forgot password",
            "I can't remember my password, what now?",
            "How can I get a new password? I don't know the old one",
            "Lost my password, how do I get back into Tallyfox?",
            "what's the procedure if I've forgotten my login password",
            "Can you send me a link to set a new password, I forgot mine",
            "my password doesn't work anymore and I don't remember it",
            "is there a way to recover a forgotten password",
            "I need to reset the password for my account",
            "Forgotten password - how do I log in?",
            "how do i reset pw",
        ],
    },
    "change_password": {
        "topic": "login", "cacheable": True,
        "confusable": ["reset_password", "change_email"],
        "phrasings": [
            "How do I change my password?",
            "change password",
            "I want to update my password",
            "Where do I set a new password in my settings? I know the current one",
            "how can I pick a different password for my login",
            "I'd like to make my password stronger, where do I change it",
            "My IT team says we must rotate passwords every 90 days, how do I do that in Tallyfox?",
            "can I change my password from the mobile app",
            "where is the option to update my login password",
            "Change my password please, I think someone saw it",
        ],
    },
    "password_email_missing": {
        "topic": "login", "cacheable": False,
        "confusable": ["reset_password", "invoice_not_received"],
        "phrasings": [
            "I didn't receive the password reset email",
            "the reset link never arrived",
            "I asked for a password reset three times and got nothing",
            "no password email in my inbox or spam",
            "Where is the reset email? I've been waiting for 20 minutes",
            "your password reset mail isn't coming through",
            "reset password email not received",
            "I requested a new password but no email came",
        ],
    },
    "account_locked": {
        "topic": "login", "cacheable": False,
        "confusable": ["reset_password", "lost_2fa_device"],
        "phrasings": [
            "My account is locked",
            "I'm locked out of my account",
            "it says too many login attempts, account locked",
            "Can you unlock my account please?",
            "Tallyfox blocked my login after I typed the wrong password",
            "my user has been suspended, I can't sign in",
            "account locked after failed logins, how long until it opens again for me",
            "I can't log in, it says my account is temporarily locked",
        ],
    },
    "enable_2fa": {
        "topic": "login", "cacheable": True,
        "confusable": ["disable_2fa", "lost_2fa_device"],
        "phrasings": [
            "How do I turn on two-factor authentication?",
            "enable 2FA",
            "How can I set up 2FA with an authenticator app?",
            "I want to add two-step verification to my login",
            "is there two factor auth? how do I switch it on",
            "make my account more secure with a code from my phone",
            "Our accountant says we must use 2-step login. Where do I activate it?",
            "set up two factor authentication",
            "how do I start using Google Authenticator with Tallyfox",
        ],
    },
    "disable_2fa": {
        "topic": "login", "cacheable": True,
        "confusable": ["enable_2fa", "lost_2fa_device"],
        "phrasings": [
            "How do I turn off two-factor authentication?",
            "disable 2FA",
            "I want to stop using two-step verification",
            "how can I remove 2FA from my account",
            "switch off the login codes, they annoy me",
            "Can I deactivate two factor auth? I still have my phone",
            "turn off 2 step verification",
            "I no longer want an authenticator code every time I log in",
        ],
    },
    "lost_2fa_device": {
        "topic": "login", "cacheable": True,
        "confusable": ["disable_2fa", "enable_2fa", "account_locked"],
        "phrasings": [
            "I lost my phone and can't get my 2FA code",
            "new phone, my authenticator codes don't work",
            "How do I log in without my two-factor device?",
            "my phone was stolen, how do I get past two-step verification",
            "where do I enter a 2FA backup code",
            "I reset my phone and lost the authenticator app",
            "can't log in because the 2FA app is on my old phone",
            "recover account without 2FA device",
        ],
    },
    "change_email": {
        "topic": "login", "cacheable": True,
        "confusable": ["change_password", "invoice_address"],
        "phrasings": [
            "How do I change the email address on my account?",
            "change login email",
            "I want to log in with a different email",
            "update my email address",
            "We changed our domain, how do I move my login to the new address?",
            "my email is changing from gmail to our company address, what do I do",
            "where can I edit the email I use to sign in",
            "can I change the account owner's email",
        ],
    },
    "delete_account": {
        "topic": "account", "cacheable": True,
        "confusable": ["cancel_subscription", "delete_customer", "export_data"],
        "phrasings": [
            "How do I delete my account?",
            "delete my account",
            "I want to close my Tallyfox account permanently",
            "please remove all my data and my account",
            "how can I erase my account and everything in it",
            "We closed the business. How do we delete the workspace for good?",
            "GDPR: I want my account deleted",
            "close account",
        ],
    },
    # ------------------------------------------------------------------ your Tallyfox plan
    "cancel_subscription": {
        "topic": "plan", "cacheable": True,
        "confusable": ["cancel_order", "void_invoice", "pause_subscription",
                       "delete_account", "downgrade_plan", "cancel_recurring_invoice"],
        "phrasings": [
            "How do I cancel my subscription?",
            "cancel subscription",
            "I want to stop paying for Tallyfox",
            "how can I end my plan so I'm not billed next month",
            "Please cancel my membership",
            "we don't need Tallyfox anymore, how do we stop the plan",
            "where is the button to cancel my Tallyfox plan",
            "I'd like to unsubscribe from the paid plan",
            "stop my subscription from renewing",
            "how do I terminate my contract with you",
            "cancel my plan",
        ],
    },
    "pause_subscription": {
        "topic": "plan", "cacheable": True,
        "confusable": ["cancel_subscription", "downgrade_plan"],
        "phrasings": [
            "Can I pause my subscription?",
            "pause subscription",
            "is it possible to put my plan on hold for a few months",
            "We're closed for the winter, can I freeze my account until spring?",
            "how do I suspend billing temporarily without losing my data",
            "I want to take a break from Tallyfox but come back later",
            "put my account on hold",
        ],
    },
    "upgrade_plan": {
        "topic": "plan", "cacheable": True,
        "confusable": ["downgrade_plan", "switch_to_annual", "add_team_member"],
        "phrasings": [
            "How do I upgrade my plan?",
            "upgrade to Pro",
            "I need more features, how do I move to a higher plan",
            "how can I switch to the Business plan",
            "We've outgrown the Starter plan. What's the next step up?",
            "upgrade subscription",
            "what do I get if I go from Starter to Pro, and how do I do it",
            "I want the bigger plan with more invoices per month",
        ],
    },
    "downgrade_plan": {
        "topic": "plan", "cacheable": True,
        "confusable": ["upgrade_plan", "cancel_subscription", "switch_to_monthly"],
        "phrasings": [
            "How do I downgrade my plan?",
            "downgrade to Starter",
            "I want to move to a cheaper plan",
            "Pro is too expensive for us, can we go back to the basic plan?",
            "how can I reduce my subscription to a lower tier",
            "switch me to a smaller plan please",
            "downgrade subscription",
            "what happens to my data if I downgrade",
        ],
    },
    "switch_to_annual": {
        "topic": "plan", "cacheable": True,
        "confusable": ["switch_to_monthly", "upgrade_plan"],
        "phrasings": [
            "How do I switch to annual billing?",
            "pay yearly instead of monthly",
            "can I pay for a whole year up front",
            "change my billing to annual",
            "Is there a discount for paying annually, and how do I switch?",
            "I'd rather get one invoice a year",
            "move my subscription to yearly billing",
        ],
    },
    "switch_to_monthly": {
        "topic": "plan", "cacheable": True,
        "confusable": ["switch_to_annual", "downgrade_plan"],
        "phrasings": [
            "How do I switch to monthly billing?",
            "pay monthly instead of yearly",
            "can I go from the annual plan to paying each month",
            "change my billing to monthly",
            "The yearly payment is too big for our cash flow, can we pay per month?",
            "move my subscription from annual to monthly",
        ],
    },
    "refund_policy": {
        "topic": "plan", "cacheable": True,
        "confusable": ["refund_status", "charged_twice", "cancel_subscription"],
        "phrasings": [
            "What is your refund policy?",
            "Can I get a refund?",
            "do you give refunds",
            "If I cancel in the middle of the year, do I get money back?",
            "how long do I have to ask for a refund after renewing",
            "refund policy",
            "is the annual plan refundable",
            "can I get my money back if Tallyfox isn't right for us",
        ],
    },
    "refund_status": {
        "topic": "plan", "cacheable": False,
        "confusable": ["refund_policy", "charged_twice"],
        "phrasings": [
            "Where is my refund?",
            "When will I get my money back?",
            "you promised a refund on {day} and it's still not on my card",
            "has my refund of {amt} been processed yet",
            "I cancelled and was told I'd be refunded, nothing so far",
            "refund status please",
            "still waiting for the {amt} refund",
        ],
    },
    "charged_twice": {
        "topic": "plan", "cacheable": False,
        "confusable": ["refund_policy", "refund_status", "invoice_amount_wrong"],
        "phrasings": [
            "Why was I charged twice this month?",
            "I see two charges of {amt} on my card",
            "you billed me twice",
            "double charge on my credit card statement",
            "Tallyfox took the subscription fee two times on {day}",
            "there are 2 identical payments to Tallyfox, please fix",
            "charged twice",
        ],
    },
    "renewal_date": {
        "topic": "plan", "cacheable": False,
        "confusable": ["switch_to_annual", "cancel_subscription"],
        "phrasings": [
            "When does my subscription renew?",
            "what is my next billing date",
            "When will you charge me next?",
            "is my plan still active and until when",
            "which plan am I on and when is the renewal",
            "how long is my current subscription valid",
        ],
    },
    "update_card": {
        "topic": "plan", "cacheable": True,
        "confusable": ["payment_methods", "charged_twice"],
        "phrasings": [
            "How do I update my credit card?",
            "change card details",
            "My card expired, where do I enter the new one?",
            "update the payment card for my subscription",
            "I got a new bank card, how do I add it to Tallyfox",
            "how can I change the card you charge every month",
            "replace payment card",
        ],
    },
    "payment_methods": {
        "topic": "plan", "cacheable": True,
        "confusable": ["update_card", "online_payments"],
        "phrasings": [
            "Which payment methods do you accept?",
            "can I pay for Tallyfox with PayPal?",
            "do you take SEPA direct debit for the subscription",
            "is bank transfer possible instead of a credit card",
            "how can I pay for my plan",
            "payment options for the subscription",
        ],
    },
    "billing_invoices": {
        "topic": "plan", "cacheable": True,
        "confusable": ["invoice_pdf", "add_vat_number"],
        "phrasings": [
            "Where can I download the invoices for my Tallyfox subscription?",
            "I need your invoice for last month's subscription fee",
            "my accountant wants the receipts for what we pay Tallyfox",
            "where do I find the bills you send me",
            "download Tallyfox billing invoices",
            "how do I get a copy of my subscription invoice",
        ],
    },
    # ------------------------------------------------------------------ invoicing your customers
    "create_invoice": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["recurring_invoice", "void_invoice"],
        "phrasings": [
            "How do I create an invoice?",
            "new invoice",
            "how do I bill a customer",
            "First time here, how do I send my first invoice?",
            "how to make an invoice and email it to a client",
            "where do I add line items to an invoice",
            "I want to invoice a client for 10 hours of work",
            "create invoice",
        ],
    },
    "void_invoice": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["cancel_subscription", "cancel_order", "create_invoice",
                       "cancel_recurring_invoice"],
        "phrasings": [
            "How do I cancel an invoice I already sent?",
            "I sent an invoice with a mistake, how do I correct it",
            "how to void an invoice",
            "cancel an invoice",
            "how do I issue a credit note",
            "wrong amount on an invoice I sent to a customer, can I edit it?",
            "the customer wants the invoice withdrawn, what's the right way",
            "delete a sent invoice",
        ],
    },
    "recurring_invoice": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["create_invoice", "cancel_recurring_invoice", "payment_reminders"],
        "phrasings": [
            "How do I set up a recurring invoice?",
            "recurring invoices",
            "I bill the same client every month, can Tallyfox send it automatically?",
            "how to schedule an invoice to repeat monthly",
            "automatic monthly invoice for a retainer",
            "can invoices be sent on a schedule",
        ],
    },
    "cancel_recurring_invoice": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["recurring_invoice", "cancel_subscription", "void_invoice"],
        "phrasings": [
            "How do I stop a recurring invoice?",
            "the client ended our contract, how do I stop the monthly invoices to them",
            "cancel a repeating invoice schedule",
            "turn off automatic invoices for one customer",
            "stop recurring invoice",
        ],
    },
    "invoice_not_received": {
        "topic": "invoicing", "cacheable": False,
        "confusable": ["password_email_missing", "payment_reminders"],
        "phrasings": [
            "My customer says they never got my invoice",
            "client didn't receive invoice {inv}",
            "the invoice email bounced",
            "I sent {inv} on {day} but the customer can't find it",
            "why didn't my client get the invoice email",
            "invoice not delivered",
        ],
    },
    "invoice_pdf": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["billing_invoices", "export_data"],
        "phrasings": [
            "How do I download an invoice as a PDF?",
            "save invoice as pdf",
            "I want to print an invoice I sent to a customer",
            "where is the PDF of the invoices I create",
            "can I download my customer invoices in one go as PDFs",
        ],
    },
    "payment_reminders": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["invoice_not_received", "recurring_invoice"],
        "phrasings": [
            "How do I send payment reminders?",
            "automatic reminders for overdue invoices",
            "a client hasn't paid, can Tallyfox chase them for me",
            "set up late payment reminders",
            "how to remind customers that an invoice is overdue",
            "can I change the wording of the reminder emails",
        ],
    },
    "invoice_amount_wrong": {
        "topic": "invoicing", "cacheable": False,
        "confusable": ["charged_twice", "void_invoice"],
        "phrasings": [
            "The tax on invoice {inv} is wrong",
            "why does invoice {inv} show {amt} when I entered less",
            "the total on my invoice doesn't add up",
            "VAT calculated incorrectly on {inv}",
            "my invoice shows the wrong amount due",
        ],
    },
    "add_vat_number": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["billing_invoices", "invoice_address"],
        "phrasings": [
            "How do I add my VAT number to my invoices?",
            "where do I put our tax ID",
            "add VAT registration number",
            "we just registered for VAT, how do I show it on invoices",
            "sales tax number on invoices",
        ],
    },
    "invoice_address": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["change_email", "add_vat_number"],
        "phrasings": [
            "How do I change the business address on my invoices?",
            "we moved office, how do I update the address on invoices",
            "update company address",
            "wrong address printed on my invoices",
            "where do I edit my business details",
        ],
    },
    "invoice_currency": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["add_vat_number"],
        "phrasings": [
            "Can I invoice in a different currency?",
            "how do I send an invoice in US dollars",
            "invoice a UK client in pounds",
            "change invoice currency",
            "multi-currency invoicing",
        ],
    },
    "online_payments": {
        "topic": "invoicing", "cacheable": True,
        "confusable": ["payment_methods", "connect_bank"],
        "phrasings": [
            "How can my customers pay invoices online?",
            "add a pay now button to invoices",
            "let clients pay by card from the invoice email",
            "connect Stripe to get paid",
            "can customers pay my invoices with a card",
        ],
    },
    # ------------------------------------------------------------------ customers, bank, data, team
    "import_customers": {
        "topic": "data", "cacheable": True,
        "confusable": ["export_data", "delete_customer"],
        "phrasings": [
            "How do I import my customers?",
            "import clients from a CSV file",
            "we're moving from another tool, can I bring my customer list",
            "upload customer list",
            "bulk add customers from Excel",
        ],
    },
    "delete_customer": {
        "topic": "data", "cacheable": True,
        "confusable": ["delete_account", "remove_team_member"],
        "phrasings": [
            "How do I delete a customer?",
            "remove a client from my customer list",
            "delete customer",
            "how can I get rid of a duplicate customer",
            "archive a customer I no longer work with",
        ],
    },
    "connect_bank": {
        "topic": "data", "cacheable": True,
        "confusable": ["bank_sync_failed", "online_payments"],
        "phrasings": [
            "How do I connect my bank account?",
            "link bank account",
            "connect my business account so payments match automatically",
            "does Tallyfox work with {bank}",
            "add a bank feed",
            "how to sync transactions from my bank",
        ],
    },
    "bank_sync_failed": {
        "topic": "data", "cacheable": False,
        "confusable": ["connect_bank", "export_failed"],
        "phrasings": [
            "My bank feed stopped syncing",
            "no transactions from {bank} since {day}",
            "bank connection error",
            "{bank} keeps disconnecting",
            "why are my bank transactions missing",
            "bank sync failed",
        ],
    },
    "export_data": {
        "topic": "data", "cacheable": True,
        "confusable": ["export_failed", "invoice_pdf", "delete_account"],
        "phrasings": [
            "How do I export my data?",
            "export everything to CSV",
            "I need all my invoices and expenses in a spreadsheet for my accountant",
            "can I download a full backup of my account",
            "export data",
            "how to get my data out of Tallyfox",
        ],
    },
    "export_failed": {
        "topic": "data", "cacheable": False,
        "confusable": ["export_data", "bank_sync_failed"],
        "phrasings": [
            "My data export failed",
            "the export has been stuck at 0% since {day}",
            "export keeps failing with an error",
            "the CSV I exported is empty",
            "export didn't finish",
        ],
    },
    "add_team_member": {
        "topic": "team", "cacheable": True,
        "confusable": ["remove_team_member", "accountant_access", "upgrade_plan"],
        "phrasings": [
            "How do I add a team member?",
            "invite a colleague",
            "add user",
            "how can my business partner get their own login",
            "we hired someone, how do I give them access to Tallyfox",
            "how to invite people to my workspace",
        ],
    },
    "remove_team_member": {
        "topic": "team", "cacheable": True,
        "confusable": ["add_team_member", "delete_customer", "delete_account"],
        "phrasings": [
            "How do I remove a team member?",
            "remove user",
            "an employee left, how do I take away their access",
            "delete a colleague's login",
            "revoke access for a former staff member",
        ],
    },
    "accountant_access": {
        "topic": "team", "cacheable": True,
        "confusable": ["add_team_member", "export_data"],
        "phrasings": [
            "How do I give my accountant access?",
            "invite my bookkeeper",
            "can my accountant see my books without sending invoices",
            "accountant role",
            "share my account with our tax advisor",
        ],
    },
    "scan_receipt": {
        "topic": "data", "cacheable": True,
        "confusable": ["export_data"],
        "phrasings": [
            "How do I add an expense receipt?",
            "scan a receipt with my phone",
            "upload receipts",
            "can I photograph a receipt and have it read automatically",
            "where do expenses go",
        ],
    },
    # ------------------------------------------------------------------ the card-reader shop
    "cancel_order": {
        "topic": "shop", "cacheable": False,
        "confusable": ["cancel_subscription", "void_invoice", "order_status"],
        "phrasings": [
            "Cancel my order",
            "I want to cancel my card reader order {order}",
            "please cancel order {order}, I ordered by mistake",
            "can I still cancel the card reader I bought {day}",
            "I ordered two readers instead of one, cancel one please",
            "stop my order before it ships",
        ],
    },
    "order_status": {
        "topic": "shop", "cacheable": False,
        "confusable": ["cancel_order", "refund_status"],
        "phrasings": [
            "Where is my order?",
            "when will my card reader arrive",
            "order {order} hasn't arrived",
            "tracking number for order {order}",
            "has my card reader shipped yet",
            "I ordered on {day}, what's the delivery status",
        ],
    },
    # ------------------------------------------------------------------ developers
    "create_api_key": {
        "topic": "api", "cacheable": True,
        "confusable": ["revoke_api_key", "api_key_not_working"],
        "phrasings": [
            "How do I create an API key?",
            "generate API token",
            "where do I get credentials for the Tallyfox API",
            "new API key",
            "our developer needs a key to connect our shop to Tallyfox",
        ],
    },
    "revoke_api_key": {
        "topic": "api", "cacheable": True,
        "confusable": ["create_api_key", "remove_team_member"],
        "phrasings": [
            "How do I revoke an API key?",
            "delete an old API token",
            "our key leaked on GitHub, how do I disable it",
            "deactivate API key",
            "rotate API credentials",
        ],
    },
    "api_key_not_working": {
        "topic": "api", "cacheable": False,
        "confusable": ["create_api_key", "api_rate_limit"],
        "phrasings": [
            "My API key is not working",
            "the API returns 401 unauthorized with my key",
            "my new token gets rejected",
            "API authentication fails since {day}",
            "invalid API key error",
        ],
    },
    "api_rate_limit": {
        "topic": "api", "cacheable": True,
        "confusable": ["api_key_not_working"],
        "phrasings": [
            "What is the API rate limit?",
            "how many requests per minute can one key make",
            "I'm getting 429 Too Many Requests from the API",
            "API limits",
            "how long should my integration wait after a 429",
        ],
    },
}

# optional sentences a customer adds; they never change the intent
CONTEXT: dict[str, list[str]] = {
    "login": [
        "I'm on my phone.", "Using the desktop app.",
        "This is urgent, I need to send invoices today.",
        "I use Safari on a Mac.", "It worked fine last week.",
    ],
    "account": [
        "We are a small bakery.", "I'm the account owner.", "I've been a customer since 2021.",
    ],
    "plan": [
        "We're on the Pro plan.", "I'm on the Starter plan.", "We have 3 users.",
        "I've been a customer for two years.", "Money is tight this quarter.",
    ],
    "invoicing": [
        "I'm a freelance designer.", "We send about 40 invoices a month.",
        "My clients are mostly in Germany.", "I'm new to Tallyfox.",
    ],
    "data": [
        "Our accountant asked for it.", "We have about 300 customers.", "I'm new to Tallyfox.",
        "Year-end is next week.",
    ],
    "team": [
        "We're a team of five.", "I'm the admin.", "We're on the Business plan.",
    ],
    "shop": [
        "I ordered from the Tallyfox shop.", "It was for our second shop.",
    ],
    "api": [
        "We use the REST API from Python.", "Our developer asked me to check.",
        "It's for our web shop integration.",
    ],
}

OPENERS = ["hi, ", "Hi! ", "Hello, ", "hey ", "Good morning. ", "Hi there, ", "Quick question: ",
           "Hello Tallyfox team, ", "hi - ", "Sorry to bother you, "]
CLOSERS = [" thanks", " Thanks!", " thank you", " please", " Thanks in advance.", " cheers",
           " asap please", " ??", " Regards"]

BANKS = ["Barclays", "ING", "Revolut", "N26", "HSBC", "Monzo", "BNP Paribas", "Deutsche Bank"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "yesterday", "last week",
        "3 March", "the 12th", "the 28th"]

# most asked first (a course assumption: password, billing and invoicing questions
# dominate a small-business app's support chat); near-miss partners are spread
# through the list so that both sides of a pair occur often enough to collide
POPULARITY = [
    "reset_password", "cancel_subscription", "create_invoice", "charged_twice",
    "void_invoice", "refund_policy", "account_locked", "refund_status",
    "change_password", "order_status", "connect_bank", "upgrade_plan",
    "invoice_not_received", "cancel_order", "bank_sync_failed", "export_data",
    "enable_2fa", "billing_invoices", "update_card", "recurring_invoice",
    "lost_2fa_device", "add_team_member", "renewal_date", "payment_reminders",
    "password_email_missing", "downgrade_plan", "invoice_pdf", "scan_receipt",
    "switch_to_annual", "delete_account", "online_payments", "invoice_amount_wrong",
    "add_vat_number", "pause_subscription", "disable_2fa", "remove_team_member",
    "accountant_access", "change_email", "cancel_recurring_invoice", "import_customers",
    "export_failed", "payment_methods", "invoice_currency", "api_key_not_working",
    "create_api_key", "switch_to_monthly", "delete_customer", "invoice_address",
    "api_rate_limit", "revoke_api_key",
]

# how the same person-to-person wording varies from one customer to the next: each
# rule is applied (once, case-sensitively) with probability 0.35 by make_data.py;
# none of them changes what is asked
REWORDINGS: list[tuple[str, list[str]]] = [
    ("How do I ", ["How can I ", "How would I ", "What's the way to ", "how do i ", "How to "]),
    ("how do I ", ["how can I ", "how to ", "how would I "]),
    ("how can I ", ["how do I ", "how could I "]),
    ("I want to ", ["I'd like to ", "I need to ", "I wanna ", "we want to "]),
    ("I'd like to ", ["I want to ", "I would like to "]),
    ("can't", ["cannot", "cant", "can not"]),
    ("don't", ["do not", "dont"]),
    ("didn't", ["did not", "didnt"]),
    ("hasn't", ["has not", "hasnt"]),
    ("I'm ", ["I am ", "Im ", "i'm "]),
    ("Tallyfox", ["tallyfox", "the app", "your app", "TallyFox"]),
    ("my account", ["my Tallyfox account", "our account", "the account"]),
    (" please", ["", " pls", " plz"]),
    ("Please ", ["Pls ", "Could you ", "Kindly "]),
    ("Can I ", ["Is it possible to ", "Am I able to ", "can i "]),
    ("can I ", ["is it possible to ", "am I able to "]),
    ("Where ", ["where ", "Where exactly "]),
    ("my ", ["my ", "our "]),
    ("subscription", ["subscription", "sub", "plan"]),
    ("?", ["??", "? ", "?!", " ?"]),
]
