"""The privacy notice, contact page and accessibility statement as the site starts with them (staff rewrite
them in the admin): created by a migration, and put back by `portal.services.site_pages_ensure`."""

DEFAULT_PAGES = {
    "privacy": (
        "Privacy notice",
        "## What we keep\n\n"
        "- Your account: your name, email address and, if you give them, your organisation, title and biography.\n"
        "- Your registrations for events and sessions.\n"
        "- Your newsletter subscription, with the time you gave and confirmed your consent.\n\n"
        "A public profile page is shown only with your consent. Email addresses and phone numbers are never "
        "shown on the site.\n\n"
        "## Your rights\n\n"
        "Signed in, you can download everything we keep about you and delete your account from your profile. "
        "Every newsletter carries a link to unsubscribe at once.",
    ),
    "contact": (
        "Contact",
        "Questions about membership, events or publications are welcome. Members reach the secretariat "
        "through their members' area.",
    ),
    "accessibility": (
        "Accessibility statement",
        "We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA: every page can be "
        "used with a keyboard and a screen reader, text keeps a contrast of at least 4.5:1, and pages reflow "
        "without sideways scrolling from 320 pixels wide.\n\n"
        "If something on the site is hard to use, please tell us through the contact page.",
    ),
}

# The same pages in French and Spanish, said the same way; put in beside the English while staff have not
# rewritten it (portal.services.site_pages_ensure).
DEFAULT_PAGE_TRANSLATIONS = {
    "privacy": {
        "fr": (
            "Politique de confidentialité",
            "## Ce que nous conservons\n\n"
            "- Votre compte\u00a0: votre nom, votre adresse électronique et, si vous les indiquez, votre organisation, "
            "votre fonction et votre biographie.\n"
            "- Vos inscriptions aux événements et aux sessions.\n"
            "- Votre abonnement à la lettre d'information, avec le moment où vous avez donné puis confirmé votre "
            "consentement.\n\n"
            "Une page de profil publique n'est affichée qu'avec votre consentement. Les adresses électroniques et "
            "les numéros de téléphone ne sont jamais affichés sur le site.\n\n"
            "## Vos droits\n\n"
            "Une fois connecté, vous pouvez télécharger tout ce que nous conservons à votre sujet et supprimer "
            "votre compte depuis votre profil. Chaque lettre d'information comporte un lien pour vous désabonner "
            "immédiatement.",
        ),
        "es": (
            "Aviso de privacidad",
            "## Lo que conservamos\n\n"
            "- Su cuenta: su nombre, su dirección de correo electrónico y, si los indica, su organización, su "
            "cargo y su biografía.\n"
            "- Sus inscripciones en eventos y sesiones.\n"
            "- Su suscripción al boletín, con el momento en que dio y confirmó su consentimiento.\n\n"
            "Una página de perfil pública solo se muestra con su consentimiento. Las direcciones de correo "
            "electrónico y los números de teléfono nunca se muestran en el sitio.\n\n"
            "## Sus derechos\n\n"
            "Con la sesión iniciada, puede descargar todo lo que conservamos sobre usted y eliminar su cuenta "
            "desde su perfil. Cada boletín incluye un enlace para darse de baja al instante.",
        ),
    },
    "contact": {
        "fr": (
            "Contact",
            "Les questions sur l'adhésion, les événements ou les publications sont les bienvenues. Les membres "
            "joignent le secrétariat depuis leur espace membres.",
        ),
        "es": (
            "Contacto",
            "Las preguntas sobre la membresía, los eventos o las publicaciones son bienvenidas. Los miembros "
            "se comunican con la secretaría desde su área de miembros.",
        ),
    },
    "accessibility": {
        "fr": (
            "Déclaration d'accessibilité",
            "Nous visons la conformité aux Règles pour l'accessibilité des contenus Web (WCAG) 2.2 au niveau AA\u00a0: "
            "chaque page peut être utilisée au clavier et avec un lecteur d'écran, le texte garde un contraste "
            "d'au moins 4,5:1, et les pages se réorganisent sans défilement horizontal à partir de 320 pixels "
            "de large.\n\n"
            "Si quelque chose sur le site est difficile à utiliser, dites-le-nous par la page de contact.",
        ),
        "es": (
            "Declaración de accesibilidad",
            "Aspiramos a cumplir las Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2 en el nivel AA: "
            "cada página puede usarse con el teclado y con un lector de pantalla, el texto mantiene un contraste "
            "de al menos 4,5:1 y las páginas se reorganizan sin desplazamiento horizontal a partir de 320 píxeles "
            "de ancho.\n\n"
            "Si algo del sitio le resulta difícil de usar, díganoslo a través de la página de contacto.",
        ),
    },
}
