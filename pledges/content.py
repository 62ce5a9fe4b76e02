"""Published facts about crime against jewelers, shown on the public site.

Figures: Jewelers' Security Alliance and Jewelers Mutual Group, as published by the
Partner for Protection campaign. Wording is ours.
"""

from django.utils.translation import gettext_lazy as _

FIGURES_SOURCE = _("Data: Jewelers' Security Alliance and Jewelers Mutual Group")

INDUSTRY_FIGURES = [
    {"value": "+14%", "label": _("reported crime against U.S. jewelers, year over year")},
    {"value": "+50%", "label": _("reported crime against U.S. jewelers since 2019")},
    {"value": "+26.5%", "label": _("organized retail crime, compared with the year before")},
    {
        "value": "3×",  # noqa: RUF001 - a times sign, as the figure is printed
        "label": _("smash-and-grab robberies in California, Q1 2022 against Q1 2021"),
    },
]

# The three crimes jewelers meet most often, from the campaign's published scenarios.
# Safety comes first in every step: nobody is ever asked to confront a criminal.
COMMON_CRIMES = [
    {
        "slug": "smash-and-grab",
        "title": _("Smash-and-grab robbery"),
        "scenario": _(
            "Imagine a busy afternoon. A group in bulky jackets and hoods walks in together, "
            "pulls out hammers and starts breaking the showcases nearest the door. About a "
            "minute later they are gone with whatever they could grab."
        ),
        "before": [
            _(
                "Watch for people who seem to study the store, its cameras or its exits, and log "
                "what you notice."
            ),
            _("Keep the most valuable pieces out of the showcases closest to the entrance."),
            _("Spread high-value merchandise across several showcases instead of one."),
            _("Fit security film to the tops and fronts of showcases so the glass holds longer."),
            _("Consider a security guard during opening hours, above all in the busiest seasons."),
            _("Agree as a team, ahead of time, who calls the police and where everyone goes."),
        ],
        "during": [
            _(
                "Do not try to stop them. No piece of jewelry is worth a life: step back and keep "
                "customers away from the glass."
            ),
            _("Set off the holdup alarm only if you can do it without drawing attention."),
            _(
                "From a safe place, take in what you can: how many people, their clothing and "
                "build, and the vehicle and direction they leave in."
            ),
        ],
        "after": [
            _("Call the police as soon as the robbers have left, then lock the doors."),
            _("Check that staff and customers are unhurt and ask witnesses to stay."),
            _("Leave the broken showcases untouched until the police have collected evidence."),
            _("Have each witness write down what they saw, separately and straight away."),
            _("Alert the stores in your network so they can be on their guard."),
        ],
    },
    {
        "slug": "night-burglary",
        "title": _("Night-time break-in through the front door"),
        "scenario": _(
            "Imagine it is three in the morning. A crew breaks through the glass front door, "
            "rushes the showroom and takes anything left on display. Within three minutes they "
            "have fled."
        ),
        "before": [
            _("Put merchandise away in the safe every night, leaving nothing valuable on display."),
            _("Light the inside and the outside of the store so anyone loitering is easy to see."),
            _("Place cameras where they capture faces, and check every day that they record."),
            _(
                "Use burglary-resistant glazing on windows and showcases, and protect doors and "
                "windows with gates or grilles that suit the storefront."
            ),
            _("Have a security company respond to every alarm."),
        ],
        "during": [
            _("Never go to the store alone when the alarm sounds: let the police go in first."),
            _(
                "Stay in touch with the alarm company and the police, and share the live camera "
                "view with them if you can."
            ),
        ],
        "after": [
            _("Wait until the police have cleared the building before you go in."),
            _("Touch and tidy nothing until the evidence has been collected."),
            _("Keep the camera recordings and give the police a copy."),
            _("List what is missing using your inventory records."),
            _("Warn your network: the same crew may already be looking at other stores."),
        ],
    },
    {
        "slug": "distraction-theft",
        "title": _("Distraction theft"),
        "scenario": _(
            "Imagine two adults come in with a small child. They split up and each asks a "
            "different salesperson to show them a piece. Suddenly the child starts crying, every "
            "eye turns to the child, and the adults slip the jewelry into their pockets and leave."
        ),
        "before": [
            _("Ask for identification before showing high-value pieces."),
            _("Show one piece at a time, and serve one customer at a time."),
            _("Never leave customers or merchandise unattended, even for a moment."),
            _("Examine every piece carefully when it is handed back."),
            _("Make sure the cameras record clear images of every counter."),
            _("Note suspicious visits in the logbook and tell your colleagues about them."),
        ],
        "during": [
            _("If a scene feels staged, put the merchandise away before you turn to help."),
            _(
                "Use a code word agreed with colleagues so that someone keeps watching the "
                "counters."
            ),
            _("Do not block the door or chase anyone who leaves with merchandise."),
        ],
        "after": [
            _(
                "Write down everything you remember: clothing, shoes, hair color and style, "
                "height, and how they left."
            ),
            _("Report the theft to the police and keep the camera footage."),
            _("Share the descriptions with your network: such teams often go from store to store."),
        ],
    },
]
