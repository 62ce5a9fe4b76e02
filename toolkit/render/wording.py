# ruff: noqa: RUF001 - French uses the typographic apostrophe (U+2019) on purpose.
"""Every word printed on the toolkit, in English, French and Spanish.

Kept here rather than in the gettext catalogues so that each sign is complete in each language
whatever the state of the catalogues; reviewed as a whole. French follows Canadian usage (the
French-speaking networks are in Canada): a non-breaking space before a colon only. Everyone
calls 911 in both countries. "Partner for Protection" is the movement's name and stays in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.render.artwork import Language

MOVEMENT = "Partner for Protection"
WORDMARK = "PARTNER FOR PROTECTION"
HASHTAG = "#PartnerForProtection"


@dataclass(frozen=True, slots=True)
class Crime:
    title: str
    summary: str
    before: tuple[str, ...]
    during: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    since: str  # with {year}
    network_label: str
    verify_label: str
    code_label: str
    scan_to_verify: str
    social_message: str
    social_tagline: str
    caption: str  # with {store}, {network}, {url}, {hashtag}
    window_headline: str
    window_body: str
    counter_body: str
    counter_staff_title: str
    counter_staff_items: tuple[str, ...]
    safety_short: str
    fold: str
    poster_kicker: str
    poster_title: str
    safety_title: str
    safety_body: str
    before: str
    during: str
    after: str
    crimes: tuple[Crime, Crime, Crime]
    poster_footer: str


ENGLISH = Wording(
    since="Partner since {year}",
    network_label="Network",
    verify_label="Verify this partner",
    code_label="Verification code",
    scan_to_verify="Scan to verify our pledge",
    social_message=(
        "We stay vigilant and share what we see with neighboring jewelers and the police."
    ),
    social_tagline="Stronger together.",
    caption=(
        "{store} has taken the Partner for Protection pledge. With {network} and our local "
        "police, we stay vigilant and share what we see, to keep our customers, our staff and "
        "our neighbors safe.\nVerify our pledge: {url}\n{hashtag}"
    ),
    window_headline="This store is a Partner for Protection",
    window_body=(
        "We work with neighboring jewelers and the local police. Suspicious activity here is "
        "noted and shared within minutes."
    ),
    counter_body="Jewelers and police, working together to keep our community safe.",
    counter_staff_title="At the counter",
    counter_staff_items=(
        "Show one piece at a time.",
        "Serve one customer at a time.",
        "Never leave a customer or a piece unattended.",
        "Examine each piece when it comes back to you.",
        "Log anything suspicious and share it with the network.",
    ),
    safety_short="Safety first: never intervene physically.",
    fold="Fold along this line",
    poster_kicker="For staff",
    poster_title="Three common crimes: before, during, after",
    safety_title="Safety first",
    safety_body=(
        "People matter more than merchandise. Never intervene physically and never chase "
        "anyone. Comply, stay calm, observe, and call 911 as soon as it is safe."
    ),
    before="Before",
    during="During",
    after="After",
    crimes=(
        Crime(
            title="Smash-and-grab robbery",
            summary=(
                "Several people break the showcases and grab what they can, in about a minute."
            ),
            before=(
                "Log anyone who seems to be casing the store.",
                "Keep high-value pieces out of the showcases nearest the door, and spread "
                "them out.",
                "Fit security film to the tops and fronts of the showcases.",
                "Consider a guard during opening hours, above all in busy seasons.",
            ),
            during=(
                "Do not intervene. Step back and keep customers away from the glass.",
                "Observe from a safe place: how many people, clothing, tools, vehicle, "
                "direction of escape.",
            ),
            after=(
                "Call 911 once they are gone. Keep everyone out of the area until the police "
                "arrive.",
                "Write down what you saw while it is fresh, then alert your network.",
            ),
        ),
        Crime(
            title="Night burglary through the front door",
            summary=(
                "A crew breaks through the glass door at night and takes what was left out, "
                "in a few minutes."
            ),
            before=(
                "Put merchandise away in the safe every night and leave as little as possible "
                "in the showroom.",
                "Light the store inside and out so that anything suspicious is seen.",
                "Check that the cameras capture faces and are recording.",
                "Protect doors and windows: burglary-resistant glazing, metal gates.",
            ),
            during=("Have an alarm company respond to every alarm. Never go in alone to check.",),
            after=(
                "Wait for the police before going in, and touch nothing.",
                "Save the camera footage and alert your network.",
            ),
        ),
        Crime(
            title="Distraction theft",
            summary=(
                "Someone draws the staff's attention away while an accomplice pockets a piece."
            ),
            before=(
                "Ask for ID before showing high-end pieces.",
                "Show one item at a time and serve one customer at a time.",
                "Never leave customers or merchandise unattended.",
            ),
            during=(
                "If something pulls you away (a crying child, a spill, a second request), "
                "secure the piece in front of you first.",
                "Examine each piece as it comes back to you.",
            ),
            after=(
                "Write down clothing, shoes, hair color and style, height, and what was said.",
                "Make sure the cameras caught clear images, then log the incident and alert "
                "your network.",
            ),
        ),
    ),
    poster_footer=(
        "Log every suspicious incident in the portal: date and time, place, what happened, "
        "how many people, their description and their vehicle."
    ),
)

FRENCH = Wording(
    since="Membre depuis {year}",
    network_label="Réseau",
    verify_label="Vérifier ce membre",
    code_label="Code de vérification",
    scan_to_verify="Scannez pour vérifier notre engagement",
    social_message=(
        "Nous restons vigilants et partageons ce que nous voyons avec les bijoutiers voisins "
        "et la police."
    ),
    social_tagline="Ensemble, nous sommes plus forts.",
    caption=(
        "{store} a pris l’engagement Partner for Protection. Avec {network} et la police de "
        "notre quartier, nous restons vigilants et partageons ce que nous voyons, pour la "
        "sécurité de notre clientèle, de notre équipe et de nos voisins.\n"
        "Vérifiez notre engagement\u00a0: {url}\n{hashtag}"
    ),
    window_headline="Cette bijouterie est membre de Partner for Protection",
    window_body=(
        "Nous collaborons avec les bijoutiers voisins et la police locale. Toute activité "
        "suspecte est notée et signalée en quelques minutes."
    ),
    counter_body=(
        "Bijoutiers et policiers travaillent ensemble pour la sécurité de notre communauté."
    ),
    counter_staff_title="Au comptoir",
    counter_staff_items=(
        "Montrez une seule pièce à la fois.",
        "Servez un client à la fois.",
        "Ne laissez jamais un client ni une pièce sans surveillance.",
        "Examinez chaque pièce quand on vous la rend.",
        "Notez tout fait suspect et signalez-le au réseau.",
    ),
    safety_short="La sécurité d’abord\u00a0: n’intervenez jamais physiquement.",
    fold="Plier le long de cette ligne",
    poster_kicker="Pour le personnel",
    poster_title="Trois vols fréquents\u00a0: avant, pendant, après",
    safety_title="La sécurité d’abord",
    safety_body=(
        "Les personnes comptent plus que la marchandise. N’intervenez jamais physiquement et "
        "ne poursuivez personne. Ne résistez pas, restez calme, observez, puis composez le 911 dès "
        "que vous êtes en sécurité."
    ),
    before="Avant",
    during="Pendant",
    after="Après",
    crimes=(
        Crime(
            title="Vol éclair avec bris de vitrines",
            summary=(
                "Plusieurs individus brisent les vitrines et s’emparent de ce qu’ils peuvent, "
                "en une minute environ."
            ),
            before=(
                "Notez dans le registre toute personne qui semble étudier les lieux.",
                "Éloignez les pièces de grande valeur des vitrines proches de l’entrée et "
                "répartissez-les.",
                "Posez un film de sécurité sur le dessus et la façade des vitrines.",
                "Envisagez un agent de sécurité pendant les heures d’ouverture, surtout en "
                "haute saison.",
            ),
            during=(
                "N’intervenez pas. Reculez et éloignez les clients des vitrines.",
                "Observez depuis un endroit sûr\u00a0: nombre d’individus, vêtements, outils, "
                "véhicule, direction de fuite.",
            ),
            after=(
                "Composez le 911 une fois les suspects partis. Tenez tout le monde à l’écart "
                "jusqu’à l’arrivée de la police.",
                "Notez ce que vous avez vu tant que vos souvenirs sont frais, puis alertez "
                "votre réseau.",
            ),
        ),
        Crime(
            title="Cambriolage de nuit par la porte d’entrée",
            summary=(
                "Une bande fracasse la porte vitrée pendant la nuit et emporte en quelques "
                "minutes ce qui est resté en salle."
            ),
            before=(
                "Rangez la marchandise dans le coffre-fort chaque soir et laissez le moins "
                "possible en salle d’exposition.",
                "Éclairez le magasin à l’intérieur comme à l’extérieur pour que tout fait "
                "suspect soit remarqué.",
                "Vérifiez que les caméras captent les visages et enregistrent bien.",
                "Protégez portes et fenêtres\u00a0: vitrage anti-effraction, grilles métalliques.",
            ),
            during=(
                "Faites intervenir une entreprise de sécurité à chaque alarme. N’allez jamais "
                "vérifier seul sur place.",
            ),
            after=(
                "Attendez la police avant d’entrer et ne touchez à rien.",
                "Conservez les enregistrements vidéo et alertez votre réseau.",
            ),
        ),
        Crime(
            title="Vol par diversion",
            summary=(
                "Quelqu’un détourne l’attention du personnel pendant qu’un complice empoche "
                "un bijou."
            ),
            before=(
                "Demandez une pièce d’identité avant de présenter des bijoux haut de gamme.",
                "Montrez un seul article à la fois et servez un client à la fois.",
                "Ne laissez jamais clients ni marchandise sans surveillance.",
            ),
            during=(
                "Si quelque chose détourne votre attention (un enfant qui pleure, un dégât, "
                "une autre demande), mettez d’abord en lieu sûr le bijou devant vous.",
                "Examinez chaque pièce quand on vous la rend.",
            ),
            after=(
                "Notez vêtements, chaussures, couleur et coupe de cheveux, taille et propos "
                "échangés.",
                "Assurez-vous que les caméras ont capté des images nettes, puis consignez "
                "l’incident et alertez votre réseau.",
            ),
        ),
    ),
    poster_footer=(
        "Consignez chaque incident suspect dans le portail\u00a0: date et heure, lieu, "
        "déroulement, nombre de personnes, signalement et véhicule."
    ),
)

SPANISH = Wording(
    since="Miembro desde {year}",
    network_label="Red",
    verify_label="Verificar este miembro",
    code_label="Código de verificación",
    scan_to_verify="Escanee para verificar nuestro compromiso",
    social_message=(
        "Nos mantenemos alerta y compartimos lo que vemos con las joyerías vecinas y la policía."
    ),
    social_tagline="Juntos somos más fuertes.",
    caption=(
        "{store} asumió el compromiso de Partner for Protection. Junto con {network} y la "
        "policía local, nos mantenemos alerta y compartimos lo que vemos para proteger a "
        "nuestros clientes, a nuestro equipo y a nuestros vecinos.\n"
        "Verifique nuestro compromiso: {url}\n{hashtag}"
    ),
    window_headline="Esta joyería es miembro de Partner for Protection",
    window_body=(
        "Colaboramos con las joyerías vecinas y la policía local. Toda actividad sospechosa "
        "se anota y se comunica en cuestión de minutos."
    ),
    counter_body="Joyeros y policía trabajan juntos por la seguridad de nuestra comunidad.",
    counter_staff_title="En el mostrador",
    counter_staff_items=(
        "Muestre una sola pieza a la vez.",
        "Atienda a un cliente a la vez.",
        "Nunca deje a un cliente ni una pieza sin vigilancia.",
        "Revise cada pieza cuando se la devuelvan.",
        "Anote todo lo sospechoso y compártalo con la red.",
    ),
    safety_short="La seguridad es lo primero: nunca intervenga físicamente.",
    fold="Doblar por esta línea",
    poster_kicker="Para el personal",
    poster_title="Tres delitos frecuentes: antes, durante y después",
    safety_title="La seguridad es lo primero",
    safety_body=(
        "Las personas importan más que la mercancía. Nunca intervenga físicamente ni persiga "
        "a nadie. No se resista, mantenga la calma, observe y llame al 911 en cuanto esté a "
        "salvo."
    ),
    before="Antes",
    during="Durante",
    after="Después",
    crimes=(
        Crime(
            title="Robo relámpago con rotura de vitrinas",
            summary=(
                "Varias personas rompen las vitrinas y se llevan lo que pueden en cerca de "
                "un minuto."
            ),
            before=(
                "Anote en el registro a quien parezca estar vigilando la tienda.",
                "Aleje las piezas de alto valor de las vitrinas cercanas a la entrada y "
                "repártalas.",
                "Coloque película de seguridad en la parte superior y el frente de las vitrinas.",
                "Considere contratar un guardia durante el horario de atención, sobre todo en "
                "temporada alta.",
            ),
            during=(
                "No intervenga. Aléjese y mantenga a los clientes lejos del vidrio.",
                "Observe desde un lugar seguro: cuántas personas, ropa, herramientas, vehículo "
                "y dirección de huida.",
            ),
            after=(
                "Llame al 911 cuando se hayan ido. No deje que nadie entre en la zona hasta que "
                "llegue la policía.",
                "Anote lo que vio mientras lo recuerda bien y luego alerte a su red.",
            ),
        ),
        Crime(
            title="Robo nocturno por la puerta principal",
            summary=(
                "Una banda rompe de noche la puerta de vidrio y en pocos minutos se lleva lo "
                "que quedó a la vista."
            ),
            before=(
                "Guarde la mercancía en la caja fuerte cada noche y deje lo mínimo posible en "
                "la sala de exhibición.",
                "Ilumine la tienda por dentro y por fuera para que se vea cualquier cosa "
                "sospechosa.",
                "Compruebe que las cámaras captan los rostros y están grabando.",
                "Proteja puertas y ventanas: vidrio antirrobo, rejas metálicas.",
            ),
            during=(
                "Contrate una empresa de seguridad que atienda cada alarma. Nunca vaya solo a "
                "revisar.",
            ),
            after=(
                "Espere a la policía antes de entrar y no toque nada.",
                "Guarde las grabaciones de las cámaras y alerte a su red.",
            ),
        ),
        Crime(
            title="Robo por distracción",
            summary="Alguien distrae al personal mientras un cómplice se guarda una pieza.",
            before=(
                "Pida una identificación antes de mostrar piezas de alta gama.",
                "Muestre un solo artículo a la vez y atienda a un cliente a la vez.",
                "Nunca deje a los clientes ni la mercancía sin vigilancia.",
            ),
            during=(
                "Si algo lo distrae (un niño que llora, algo que se derrama, otra petición), "
                "primero ponga a salvo la pieza que tiene delante.",
                "Revise cada pieza cuando se la devuelvan.",
            ),
            after=(
                "Anote la ropa, el calzado, el color de pelo y el peinado, la estatura y lo que se "
                "dijo.",
                "Asegúrese de que las cámaras captaron imágenes nítidas; luego registre el "
                "incidente y alerte a su red.",
            ),
        ),
    ),
    poster_footer=(
        "Registre cada incidente sospechoso en el portal: fecha y hora, lugar, qué pasó, "
        "cuántas personas, su descripción y su vehículo."
    ),
)

WORDING: dict[Language, Wording] = {"en": ENGLISH, "fr": FRENCH, "es": SPANISH}


def wording(language: Language) -> Wording:
    return WORDING[language]
