import type { commonStrings } from '../../localization/common.strings.js';
import type { TranslationOf } from '../../localization/message.js';

export const common: TranslationOf<typeof commonStrings> = {
  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.back': 'Retour',
  'common.continue': 'Continuer',
  'common.cancel': 'Annuler',
  'common.close': 'Fermer',
  'common.required': 'Obligatoire',
  'common.charactersLeft': { one: '{count} caractère restant', other: '{count} caractères restants' },
  'common.tooLong': 'Utilisez au plus {max} caractères.',
  'error.network': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  'error.timeout': 'Le serveur a mis trop de temps à répondre. Réessayez.',
  'error.aborted': 'La demande a été annulée.',
  'error.unauthorized': 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  'error.forbidden': 'Vous ne pouvez pas faire cela pour cette commande.',
  'error.not-found': 'Nous n’avons pas trouvé cette commande.',
  'error.conflict': 'Quelqu’un d’autre a modifié ce dossier entre-temps. Il affiche maintenant son dernier état.',
  'error.validation': 'Certaines réponses n’ont pas été acceptées. Vérifiez les champs signalés.',
  'error.server': 'Un problème est survenu de notre côté. Réessayez dans un instant.',
  'error.malformed': 'Le serveur a envoyé une réponse illisible. Réessayez plus tard.',
  'error.generic': 'Un problème est survenu. Réessayez.',
  'error.configuration': 'Ce widget n’est pas configuré : il lui faut un numéro de commande et une adresse d’API ou un client.',
  'error.invalid-tree': 'Ce formulaire n’est pas configuré correctement et ne peut pas être utilisé. Contactez la boutique.',
  'error.dispute-mismatch': 'Cette page concerne un autre dossier que celui ouvert sur cette commande. Rouvrez la page depuis votre commande.',
  'live.updated': 'Ce dossier a été mis à jour.',
};
