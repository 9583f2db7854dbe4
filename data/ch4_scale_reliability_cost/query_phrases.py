"""Phrase material for the synthetic support query log of chapter 4.

Written by hand for the course "From engineer to AI architect" (not taken from any
real service). The product is Fernway, the fictional project-management SaaS of
chapter 2, whose support assistant (router, billing agent, tech agent) chapter 4
scales; its help-centre articles are data/ch2_architecture/kb/. Customers buy plans,
seat packs and add-ons through an online checkout that creates an order.

Each intent has:

- ``cacheable``: True when the right answer is the same for every customer (a
  help-centre how-to); False when it depends on the customer's own account, order
- ``confusable``: intents that look alike but need a different answer (near misses
  a cache must not confuse: cancel an order vs cancel a subscription, reset vs
  change a password, turn 2FA on vs off, ...);
- ``phrasings``: ways real customers put the question, most common first. They are
  paraphrases written one by one (different words and structure, not one template
  with a word swapped). Personal intents use slots filled at random by make_data.py:
  {inv} an invoice number, {order} an order number, {amt} an amount, {day} a day,
  {project} a project name, {tool} an integration.

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
            "Lost my password, how do I get back into Fernway?",
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
            "My IT team says we must rotate passwords every 90 days, how do I do that in Fernway?",
            "can I change my password from the mobile app",
            "where is the option to update my login password",
            "Change my password please, I think someone saw it",
        ],
    },
    "password_email_missing": {
        "topic": "login", "cacheable": False,
        "confusable": ["reset_password", "notifications_missing"],
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
            "Fernway blocked my login after I typed the wrong password",
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
            "Our security team says we must use 2-step login. Where do I activate it?",
            "set up two factor authentication",
            "how do I start using Google Authenticator with Fernway",
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
        "confusable": ["change_password", "add_vat_number"],
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
        "confusable": ["cancel_subscription", "delete_project", "export_data"],
        "phrasings": [
            "How do I delete my account?",
            "delete my account",
            "I want to close my Fernway account permanently",
            "please remove all my data and my account",
            "how can I erase my account and everything in it",
            "We closed the business. How do we delete the workspace for good?",
            "GDPR: I want my account deleted",
            "close account",
        ],
    },
    # ------------------------------------------------------------------ your Fernway plan
    "cancel_subscription": {
        "topic": "plan", "cacheable": True,
        "confusable": ["cancel_order", "pause_subscription", "delete_account",
                       "downgrade_plan"],
        "phrasings": [
            "How do I cancel my subscription?",
            "cancel subscription",
            "I want to stop paying for Fernway",
            "how can I end my plan so I'm not billed next month",
            "Please cancel my membership",
            "we don't need Fernway anymore, how do we stop the plan",
            "where is the button to cancel my Fernway plan",
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
            "I want to take a break from Fernway but come back later",
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
            "I want the bigger plan with more projects and storage",
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
            "can I get my money back if Fernway isn't right for us",
        ],
    },
    "refund_status": {
        "topic": "plan", "cacheable": False,
        "confusable": ["refund_policy", "charged_twice", "order_status"],
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
            "Fernway took the subscription fee two times on {day}",
            "there are 2 identical payments to Fernway, please fix",
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
            "I got a new bank card, how do I add it to Fernway",
            "how can I change the card you charge every month",
            "replace payment card",
        ],
    },
    "payment_methods": {
        "topic": "plan", "cacheable": True,
        "confusable": ["update_card", "failed_payment"],
        "phrasings": [
            "Which payment methods do you accept?",
            "can I pay for Fernway with PayPal?",
            "do you take SEPA direct debit for the subscription",
            "is bank transfer possible instead of a credit card",
            "how can I pay for my plan",
            "payment options for the subscription",
        ],
    },
    "billing_invoices": {
        "topic": "plan", "cacheable": True,
        "confusable": ["invoice_amount_wrong", "add_vat_number"],
        "phrasings": [
            "Where can I download the invoices for my Fernway subscription?",
            "I need your invoice for last month's subscription fee",
            "our accountant wants the receipts for what we pay Fernway",
            "where do I find the bills you send me",
            "download Fernway billing invoices",
            "how do I get a copy of my subscription invoice",
        ],
    },
    "invoice_amount_wrong": {
        "topic": "plan", "cacheable": False,
        "confusable": ["charged_twice", "billing_invoices", "add_seats"],
        "phrasings": [
            "Why is my invoice higher than last month?",
            "invoice {inv} looks wrong",
            "why did my bill go up to {amt}",
            "the amount on {inv} doesn't match my plan",
            "we were billed for more seats than we have",
            "I don't understand the extra charge on my latest invoice",
        ],
    },
    "add_vat_number": {
        "topic": "plan", "cacheable": True,
        "confusable": ["billing_invoices", "change_email"],
        "phrasings": [
            "How do I add my VAT number to my invoices?",
            "where do I put our tax ID",
            "add VAT number",
            "we need our company name and VAT ID on the invoices from Fernway",
            "can you reissue an invoice with our VAT number on it",
            "change the billing address on future invoices",
        ],
    },
    "add_seats": {
        "topic": "plan", "cacheable": True,
        "confusable": ["add_team_member", "upgrade_plan", "invoice_amount_wrong"],
        "phrasings": [
            "How are seats billed?",
            "buy more seats",
            "what does it cost to add one more member in the middle of the month",
            "do guests count as paid seats",
            "can I reduce the number of seats on our annual plan",
            "how does prorating work when I add people",
        ],
    },
    "discounts": {
        "topic": "plan", "cacheable": True,
        "confusable": ["refund_policy", "switch_to_annual"],
        "phrasings": [
            "Do you have a nonprofit discount?",
            "education discount",
            "We're a registered charity, do we get a lower price?",
            "is there a student or university discount",
            "how do I apply for the nonprofit price",
        ],
    },
    "failed_payment": {
        "topic": "plan", "cacheable": False,
        "confusable": ["update_card", "charged_twice", "account_locked"],
        "phrasings": [
            "My payment failed",
            "why did my card get declined on {day}",
            "our workspace is read-only because of a payment problem",
            "you say the payment of {amt} failed but my card is fine",
            "payment failed, what now",
        ],
    },
    # ----------------------------------------------------------- orders from the online checkout
    "cancel_order": {
        "topic": "orders", "cacheable": False,
        "confusable": ["cancel_subscription", "order_status", "refund_status"],
        "phrasings": [
            "Cancel my order",
            "I want to cancel order {order}",
            "please cancel my order {order}, I bought the wrong seat pack",
            "can I still cancel the add-on I ordered on {day}",
            "I ordered the annual licence twice by mistake, cancel one please",
            "stop order {order} before it is processed",
        ],
    },
    "order_status": {
        "topic": "orders", "cacheable": False,
        "confusable": ["cancel_order", "refund_status"],
        "phrasings": [
            "What's the status of my order?",
            "I paid for order {order} but the seats aren't showing",
            "order {order} still says pending",
            "has my order from {day} gone through",
            "I bought extra storage but don't see it yet",
        ],
    },
    # ------------------------------------------------------------------ projects and data
    "create_project": {
        "topic": "projects", "cacheable": True,
        "confusable": ["delete_project", "import_csv"],
        "phrasings": [
            "How do I create a project?",
            "new project",
            "how do I start a project from a template",
            "where is the button to add a project",
            "I want to set up a board for our {project}",
        ],
    },
    "delete_project": {
        "topic": "projects", "cacheable": True,
        "confusable": ["archive_project", "delete_account", "restore_project"],
        "phrasings": [
            "How do I delete a project?",
            "delete project",
            "how can I get rid of an old project for good",
            "remove the {project} project permanently",
            "we don't need this project anymore, how do I delete it",
        ],
    },
    "archive_project": {
        "topic": "projects", "cacheable": True,
        "confusable": ["delete_project", "restore_project"],
        "phrasings": [
            "How do I archive a project?",
            "archive project",
            "hide a finished project without deleting it",
            "the {project} is done, can I put it away but keep it",
            "how to move a project to the archive",
        ],
    },
    "restore_project": {
        "topic": "projects", "cacheable": True,
        "confusable": ["delete_project", "archive_project", "export_data"],
        "phrasings": [
            "How do I restore a deleted project?",
            "I deleted a project by accident, can I get it back?",
            "recover tasks from the trash",
            "undo delete project",
            "how long do deleted projects stay in the trash",
        ],
    },
    "import_csv": {
        "topic": "projects", "cacheable": True,
        "confusable": ["export_data", "create_project"],
        "phrasings": [
            "How do I import tasks from a CSV file?",
            "import from Excel",
            "we're moving from another tool, can I bring our tasks",
            "import tasks",
            "upload a spreadsheet of tasks into a project",
        ],
    },
    "export_data": {
        "topic": "projects", "cacheable": True,
        "confusable": ["export_failed", "import_csv", "delete_account"],
        "phrasings": [
            "How do I export my data?",
            "export everything to CSV",
            "I need all our projects and tasks in a spreadsheet",
            "can I download a full backup of our workspace",
            "export data",
            "how to get my data out of Fernway",
        ],
    },
    "export_failed": {
        "topic": "projects", "cacheable": False,
        "confusable": ["export_data", "webhook_failing"],
        "phrasings": [
            "My data export failed",
            "the export has been stuck at 0% since {day}",
            "export keeps failing with an error",
            "the CSV I exported from {project} is empty",
            "export didn't finish",
        ],
    },
    "sync_conflict": {
        "topic": "projects", "cacheable": True,
        "confusable": ["restore_project"],
        "phrasings": [
            "What happens when two people edit the same task offline?",
            "my change to a task was overwritten, how do I get it back",
            "sync conflict",
            "someone else's edit replaced mine",
            "how does Fernway merge edits made offline",
        ],
    },
    "data_residency": {
        "topic": "projects", "cacheable": True,
        "confusable": ["export_data", "delete_account"],
        "phrasings": [
            "Where is my data stored?",
            "can we keep our data in the EU",
            "data residency",
            "which country are your servers in",
            "our legal team asks whether data leaves Europe",
        ],
    },
    # ------------------------------------------------------------------ team and sharing
    "add_team_member": {
        "topic": "team", "cacheable": True,
        "confusable": ["remove_team_member", "guest_access", "add_seats"],
        "phrasings": [
            "How do I add a team member?",
            "invite a colleague",
            "add user",
            "how can my business partner get their own login",
            "we hired someone, how do I give them access to Fernway",
            "how to invite people to my workspace",
        ],
    },
    "remove_team_member": {
        "topic": "team", "cacheable": True,
        "confusable": ["add_team_member", "delete_account"],
        "phrasings": [
            "How do I remove a team member?",
            "remove user",
            "an employee left, how do I take away their access",
            "delete a colleague's login",
            "revoke access for a former staff member",
        ],
    },
    "guest_access": {
        "topic": "team", "cacheable": True,
        "confusable": ["add_team_member", "add_seats"],
        "phrasings": [
            "How do I invite a client as a guest?",
            "guest access",
            "share one project with a contractor without giving them the whole workspace",
            "my guest invitation expired, how do I resend it",
            "let an external person see the {project} board",
        ],
    },
    "change_role": {
        "topic": "team", "cacheable": True,
        "confusable": ["add_team_member", "remove_team_member"],
        "phrasings": [
            "How do I make someone an admin?",
            "change a member's role",
            "give a colleague permission to manage billing",
            "what can a viewer do and what can an editor do",
            "transfer workspace ownership",
        ],
    },
    "email_notifications": {
        "topic": "team", "cacheable": True,
        "confusable": ["notifications_missing"],
        "phrasings": [
            "How do I turn off email notifications?",
            "too many emails from Fernway",
            "can I get one daily digest instead of every notification",
            "stop notification emails",
            "change which emails I get",
        ],
    },
    "notifications_missing": {
        "topic": "team", "cacheable": False,
        "confusable": ["email_notifications", "password_email_missing"],
        "phrasings": [
            "I'm not getting any notification emails",
            "I was mentioned on {day} but got no email",
            "notifications stopped arriving",
            "my team gets emails but I don't",
        ],
    },
    # ------------------------------------------------------------------ integrations and service
    "connect_slack": {
        "topic": "integrations", "cacheable": True,
        "confusable": ["integration_broken", "setup_webhook"],
        "phrasings": [
            "How do I connect Fernway to Slack?",
            "Slack integration",
            "post task updates to a Slack channel",
            "can Fernway send notifications to {tool}",
            "set up the calendar sync",
        ],
    },
    "integration_broken": {
        "topic": "integrations", "cacheable": False,
        "confusable": ["connect_slack", "webhook_failing"],
        "phrasings": [
            "Our Slack integration stopped posting",
            "{tool} stopped syncing with Fernway on {day}",
            "the calendar sync shows old due dates",
            "{tool} connection error",
            "integration not working since {day}",
        ],
    },
    "setup_webhook": {
        "topic": "integrations", "cacheable": True,
        "confusable": ["webhook_failing", "create_api_key"],
        "phrasings": [
            "How do I set up a webhook?",
            "webhooks",
            "how do I verify the webhook signature",
            "send an HTTP callback when a task changes",
            "what does my endpoint have to return for webhooks",
        ],
    },
    "webhook_failing": {
        "topic": "integrations", "cacheable": False,
        "confusable": ["setup_webhook", "integration_broken"],
        "phrasings": [
            "My webhook is marked as failing",
            "we stopped receiving webhook events on {day}",
            "webhook deliveries time out",
            "why was my webhook disabled",
        ],
    },
    "service_status": {
        "topic": "integrations", "cacheable": False,
        "confusable": ["uptime_sla", "integration_broken"],
        "phrasings": [
            "Is Fernway down?",
            "the app is very slow right now",
            "is there an outage at the moment",
            "nothing loads for our whole team",
            "are you having problems today",
        ],
    },
    "uptime_sla": {
        "topic": "integrations", "cacheable": True,
        "confusable": ["service_status"],
        "phrasings": [
            "What uptime do you guarantee?",
            "SLA",
            "do you offer service credits if you're down",
            "what is your availability commitment on the Business plan",
        ],
    },
    "contact_support": {
        "topic": "account", "cacheable": True,
        "confusable": [],
        "phrasings": [
            "How do I talk to a human?",
            "what are your support hours",
            "can I call you",
            "I want to speak to a person",
            "contact support",
        ],
    },
    # ------------------------------------------------------------------ developers
    "create_api_key": {
        "topic": "api", "cacheable": True,
        "confusable": ["revoke_api_key", "api_key_not_working"],
        "phrasings": [
            "How do I create an API key?",
            "generate API token",
            "where do I get credentials for the Fernway API",
            "new API key",
            "our developer needs a key to connect our shop to Fernway",
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
        "This is urgent, we have a deadline today.", "I use Safari on a Mac.",
        "It worked fine last week.",
    ],
    "account": [
        "We are a small design agency.", "I'm the workspace owner.",
        "I've been a customer since 2021.",
    ],
    "plan": [
        "We're on the Team plan.", "I'm on the Free plan.", "We have 12 seats.",
        "I've been a customer for two years.", "Money is tight this quarter.",
        "I'm the billing admin.",
    ],
    "orders": [
        "I used the online checkout.", "It was for our second team.",
    ],
    "projects": [
        "We have about 300 tasks.", "I'm new to Fernway.", "Our project ends next week.",
        "We use the desktop app.",
    ],
    "team": [
        "We're a team of five.", "I'm the admin.", "We're on the Business plan.",
    ],
    "integrations": [
        "We use Slack for everything.", "Our developer asked me to check.",
        "This started this morning.",
    ],
    "api": [
        "We use the REST API from Python.", "Our developer asked me to check.",
        "It's for our internal dashboard.",
    ],
}

OPENERS = ["hi, ", "Hi! ", "Hello, ", "hey ", "Good morning. ", "Hi there, ", "Quick question: ",
           "Hello Fernway team, ", "hi - ", "Sorry to bother you, "]
CLOSERS = [" thanks", " Thanks!", " thank you", " please", " Thanks in advance.", " cheers",
           " asap please", " ??", " Regards"]

PROJECTS = ["website relaunch", "Q3 roadmap", "office move", "spring campaign", "onboarding",
            "mobile app"]
TOOLS = ["Slack", "Google Calendar", "Outlook", "Microsoft Teams", "GitHub", "Zapier"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "3 November", "the 12th",
        "the 28th", "1 October"]

# most asked first (a course assumption: login and billing questions dominate a SaaS
# support chat); near-miss partners are spread through the list so that both sides
# of a pair occur often enough to collide
POPULARITY = [
    "reset_password", "cancel_subscription", "charged_twice", "refund_policy",
    "account_locked", "refund_status", "change_password", "export_data",
    "cancel_order", "upgrade_plan", "add_team_member", "failed_payment",
    "service_status", "enable_2fa", "billing_invoices", "update_card",
    "delete_project", "restore_project", "lost_2fa_device", "invoice_amount_wrong",
    "order_status", "downgrade_plan", "renewal_date", "password_email_missing",
    "guest_access", "archive_project", "add_seats", "switch_to_annual",
    "delete_account", "import_csv", "email_notifications", "connect_slack",
    "contact_support", "remove_team_member", "add_vat_number", "pause_subscription",
    "disable_2fa", "create_project", "integration_broken", "change_role",
    "change_email", "export_failed", "discounts", "payment_methods",
    "notifications_missing", "sync_conflict", "api_key_not_working", "create_api_key",
    "switch_to_monthly", "data_residency", "setup_webhook", "webhook_failing",
    "api_rate_limit", "uptime_sla", "revoke_api_key",
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
    ("Fernway", ["fernway", "the app", "your app", "FernWay"]),
    ("my account", ["my Fernway account", "our account", "the account"]),
    (" please", ["", " pls", " plz"]),
    ("Please ", ["Pls ", "Could you ", "Kindly "]),
    ("Can I ", ["Is it possible to ", "Am I able to ", "can i "]),
    ("can I ", ["is it possible to ", "am I able to "]),
    ("Where ", ["where ", "Where exactly "]),
    ("my ", ["my ", "our "]),
    ("subscription", ["subscription", "sub", "plan"]),
    ("?", ["??", "? ", "?!", " ?"]),
]
