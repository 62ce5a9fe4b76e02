"""The network's five starting plans, in our own words: safety first, nobody ever confronts
anyone. The coordinator rewords them for the network (PlanTemplate); each store starts from
that wording and makes it its own. One step per line."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Scenario

SECTIONS = ("before", "during", "after", "calls")

TEMPLATE_DEFAULTS: dict[str, dict[str, Promise]] = {
    Scenario.ROBBERY: {
        "before": _(
            "Keep the door controlled and look at everyone before letting them in.\n"
            "Know where every holdup button is, and test them with the alarm company each month.\n"
            "Show one piece at a time; put each back before showing the next.\n"
            "Agree where everyone goes if it happens, and who calls."
        ),
        "during": _(
            "Do exactly what you are told. Your life is worth more than any piece.\n"
            "Keep your hands in sight, move slowly, say what you are about to do.\n"
            "Never chase, block or argue. Do not look them in the eye.\n"
            "Press a holdup button only if nobody can see you do it.\n"
            "Remember what you can: height, voice, clothes, scars, what they touched."
        ),
        "after": _(
            "Lock the door as soon as they have gone; let nobody in but the police.\n"
            "Look after anyone hurt or in shock first.\n"
            "Touch nothing they touched; keep the area as it is.\n"
            "Each witness writes down what they saw, alone, straight away.\n"
            "Log the incident and warn the network once police agree."
        ),
        "calls": _(
            "1. Whoever is safest calls 911 once the robbers have left, and stays on the line.\n"
            "2. The manager on duty calls the owner.\n"
            "3. The owner calls the alarm company and the insurer.\n"
            "4. The owner tells the network's coordinator."
        ),
    },
    Scenario.SMASH_AND_GRAB: {
        "before": _(
            "Keep the most valuable pieces away from the showcases nearest the door.\n"
            "Spread high-value stock over several showcases.\n"
            "Fit security film to the showcase glass.\n"
            "Agree where everyone steps back to, away from the glass."
        ),
        "during": _(
            "Step back and keep customers away from the glass. Never try to stop them.\n"
            "Press a holdup button only if you can do it unseen.\n"
            "From a safe place, note how many, what they wear, the vehicle and the direction."
        ),
        "after": _(
            "Lock the doors once they have gone.\n"
            "Check that staff and customers are unhurt; ask witnesses to stay.\n"
            "Leave the broken showcases as they are for the police.\n"
            "Each witness writes down what they saw, alone, straight away."
        ),
        "calls": _(
            "1. Whoever is safest calls 911 as soon as the robbers have left.\n"
            "2. The manager on duty calls the owner.\n"
            "3. The owner calls the alarm company and the insurer.\n"
            "4. The owner tells the network's coordinator so nearby stores can be warned."
        ),
    },
    Scenario.NIGHT_ALARM: {
        "before": _(
            "Put every piece in the safe at closing; leave nothing on display.\n"
            "Keep the alarm company's list of who to call up to date.\n"
            "Check each day that the cameras record and can be viewed remotely.\n"
            "Light the store inside and out."
        ),
        "during": _(
            "Never go to the store alone, and never go in before the police.\n"
            "Stay on the phone with the alarm company.\n"
            "Watch the cameras from where you are and tell police what you see."
        ),
        "after": _(
            "Go in only with the police, once they say it is safe.\n"
            "Touch nothing until they have collected evidence.\n"
            "Make a list of what is missing with the police.\n"
            "Have the door or window secured before you leave."
        ),
        "calls": _(
            "1. The alarm company calls 911 and then the owner.\n"
            "2. The owner calls the police back to say who is on the way and when.\n"
            "3. The owner calls the second key holder to come along, never alone.\n"
            "4. The owner calls the insurer in the morning and tells the coordinator."
        ),
    },
    Scenario.DISTRACTION: {
        "before": _(
            "Show one piece at a time and count the pieces out and back.\n"
            "Serve one group with two people when you can.\n"
            "Keep showcases locked between customers."
        ),
        "during": _(
            "If you feel rushed or pulled away, close the tray before you turn.\n"
            "Stay polite; never block the way out or try to hold anyone.\n"
            "Note faces, clothes and how they came and went."
        ),
        "after": _(
            "Count the tray and check the cameras.\n"
            "Write down what happened while it is fresh.\n"
            "Log the incident so nearby stores can watch for the same people."
        ),
        "calls": _(
            "1. The person who served them tells the manager on duty.\n"
            "2. The manager calls the police non-emergency line (911 if anyone is in danger).\n"
            "3. The manager tells the owner, who tells the network's coordinator."
        ),
    },
    Scenario.CASING: {
        "before": _(
            "Know what casing looks like: long looks at cameras, exits and showcases, photos, "
            "repeat visits without buying.\n"
            "Greet everyone who comes in; people who are seen are less likely to come back.\n"
            "Keep a notepad by the counter for descriptions and plates."
        ),
        "during": _(
            "Greet them and stay friendly; do not accuse or confront.\n"
            "Note faces, clothes, the time, any vehicle and its plate, from inside the store.\n"
            "Do not follow them outside."
        ),
        "after": _(
            "Write down what you saw and keep the camera footage.\n"
            "Log it as a casing incident.\n"
            "Tell the team to be alert for the next days."
        ),
        "calls": _(
            "1. The person who noticed tells the manager on duty.\n"
            "2. The manager calls the police non-emergency line (911 if it turns threatening).\n"
            "3. The owner tells the network's coordinator, who can warn the other stores."
        ),
    },
}
