// One catalogue per language; the officer's choice is remembered on the device.
const catalogues = {
    en: {
        'title': 'Distribution point',
        'language': 'Language',
        'nav.today': 'Today', 'nav.find': 'Find', 'nav.sync': 'Sync', 'nav.signout': 'Sign out',
        'signin.title': 'Sign in', 'signin.officer': 'Your name', 'signin.pin': 'PIN', 'signin.go': 'Sign in',
        'today.title': 'Today', 'today.pending': 'Operations waiting to sync', 'today.lastSync': 'Last sync',
        'today.never': 'never', 'today.event': 'Open event', 'today.noEvent': 'none',
        'today.attention': 'Needs your attention', 'today.nothing': 'Nothing needs your attention.',
        'today.served': 'Beneficiaries served', 'today.servedOf': '{served} of {expected}',
        'today.handedOut': 'Handed out', 'today.nothingYet': 'nothing yet', 'today.attended': 'Came to the open event',
        'today.chooseEvent': 'Event being served', 'today.openEvent': 'Open this event', 'today.closeEvent': 'Close the event',
        'find.title': 'Find a beneficiary', 'find.query': 'Name, national id or scanned credential',
        'find.go': 'Search', 'find.none': 'Nobody found.',
        'person.household': 'Household', 'person.memberships': 'Memberships',
        'person.entitlements': 'Entitlements', 'person.remaining': '{remaining} of {grant} left',
        'person.valid': 'valid {from} to {until}', 'person.warning': 'Cannot be handed out today: {why}',
        'serve.attend': 'Record attendance', 'serve.redeem': 'Hand out', 'serve.quantity': 'Quantity (empty: all that is left)',
        'serve.collector': 'Collected by (if not the beneficiary)', 'serve.relation': 'Relation to the beneficiary',
        'serve.reason': 'Reason for an override (only when the rules refuse)', 'serve.receipt': 'Receipt',
        'serve.handedOut': '{quantity} handed out to {name}. Left: {left}.', 'serve.attended': 'Attendance recorded.',
        'sync.title': 'Sync', 'sync.go': 'Sync now',
        'sync.result': 'Pushed {pushed}, pulled {pulled}, flagged {flagged}, rejected {rejected}.',
        'error': 'Refused: {message}', 'working': 'Working…',
        'nav.credential': 'Credential', 'credential.issue': 'Issue a credential',
        'credential.issued': 'Credential for {name}', 'credential.qr': 'QR code of the credential for {name}',
        'credential.print': 'Print', 'credential.title': 'Check a credential',
        'credential.text': 'Scanned text (SPP1:…)', 'credential.check': 'Check',
        'credential.camera': 'Scan with the camera', 'credential.stop': 'Stop the camera',
        'credential.looking': 'Looking for a QR code…',
        'verdict.OK': 'Valid: {name} may be served.',
        'verdict.ALREADY_REDEEMED': 'Already used: this credential was handed out before.',
        'verdict.EXPIRED': 'Expired: this credential is no longer valid.',
        'verdict.NOT_YET_VALID': 'Not yet valid.',
        'verdict.BAD_SIGNATURE': 'Forged or damaged: do not serve.',
        'verdict.UNKNOWN_SIGNER': 'Not issued by a device this one trusts: do not serve.',
        'verdict.SIGNER_REVOKED': 'Issued by a device that was revoked: do not serve.',
        'verdict.FORMAT': 'This is not a credential.',
        'verdict.other': 'Refused: {code}.',
    },
    fr: {
        'title': 'Point de distribution',
        'language': 'Langue',
        'nav.today': 'Aujourd’hui', 'nav.find': 'Rechercher', 'nav.sync': 'Synchroniser', 'nav.signout': 'Se déconnecter',
        'signin.title': 'Connexion', 'signin.officer': 'Votre nom', 'signin.pin': 'Code PIN', 'signin.go': 'Se connecter',
        'today.title': 'Aujourd’hui', 'today.pending': 'Opérations en attente de synchronisation',
        'today.lastSync': 'Dernière synchronisation', 'today.never': 'jamais', 'today.event': 'Distribution ouverte',
        'today.noEvent': 'aucune', 'today.attention': 'À traiter', 'today.nothing': 'Rien à traiter.',
        'today.served': 'Bénéficiaires servis', 'today.servedOf': '{served} sur {expected}',
        'today.handedOut': 'Remis', 'today.nothingYet': 'rien pour l’instant', 'today.attended': 'Venus à la distribution ouverte',
        'today.chooseEvent': 'Distribution en cours', 'today.openEvent': 'Ouvrir cette distribution',
        'today.closeEvent': 'Fermer la distribution',
        'find.title': 'Rechercher un bénéficiaire', 'find.query': 'Nom, numéro d’identité ou justificatif scanné',
        'find.go': 'Rechercher', 'find.none': 'Personne trouvée.',
        'person.household': 'Ménage', 'person.memberships': 'Inscriptions',
        'person.entitlements': 'Droits', 'person.remaining': 'reste {remaining} sur {grant}',
        'person.valid': 'valable du {from} au {until}', 'person.warning': 'Ne peut pas être remis aujourd’hui : {why}',
        'serve.attend': 'Enregistrer la présence', 'serve.redeem': 'Remettre', 'serve.quantity': 'Quantité (vide : tout le reste)',
        'serve.collector': 'Retiré par (si ce n’est pas le bénéficiaire)', 'serve.relation': 'Lien avec le bénéficiaire',
        'serve.reason': 'Motif de dérogation (seulement si les règles refusent)', 'serve.receipt': 'Reçu',
        'serve.handedOut': '{quantity} remis à {name}. Reste : {left}.', 'serve.attended': 'Présence enregistrée.',
        'sync.title': 'Synchronisation', 'sync.go': 'Synchroniser',
        'sync.result': 'Envoyées {pushed}, reçues {pulled}, signalées {flagged}, refusées {rejected}.',
        'error': 'Refusé : {message}', 'working': 'En cours…',
        'nav.credential': 'Justificatif', 'credential.issue': 'Émettre un justificatif',
        'credential.issued': 'Justificatif de {name}', 'credential.qr': 'Code QR du justificatif de {name}',
        'credential.print': 'Imprimer', 'credential.title': 'Vérifier un justificatif',
        'credential.text': 'Texte scanné (SPP1:…)', 'credential.check': 'Vérifier',
        'credential.camera': 'Scanner avec la caméra', 'credential.stop': 'Arrêter la caméra',
        'credential.looking': 'Recherche d’un code QR…',
        'verdict.OK': 'Valide : {name} peut être servi.',
        'verdict.ALREADY_REDEEMED': 'Déjà utilisé : ce justificatif a déjà été servi.',
        'verdict.EXPIRED': 'Expiré : ce justificatif n’est plus valable.',
        'verdict.NOT_YET_VALID': 'Pas encore valable.',
        'verdict.BAD_SIGNATURE': 'Falsifié ou abîmé : ne pas servir.',
        'verdict.UNKNOWN_SIGNER': 'Émis par un appareil non reconnu : ne pas servir.',
        'verdict.SIGNER_REVOKED': 'Émis par un appareil révoqué : ne pas servir.',
        'verdict.FORMAT': 'Ce n’est pas un justificatif.',
        'verdict.other': 'Refusé : {code}.',
    },
};

let language = localStorage.getItem('spmis-field-language') ||
    ((navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en');

export function currentLanguage() { return language; }

export function setLanguage(lang) {
    language = catalogues[lang] ? lang : 'en';
    localStorage.setItem('spmis-field-language', language);
    document.documentElement.lang = language;
}

// The text for `key` with {name} placeholders filled from `values`.
export function t(key, values = {}) {
    const text = catalogues[language][key] ?? catalogues.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

export function translatePage() {
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
