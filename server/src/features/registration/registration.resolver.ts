import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { RegistrationStatus } from '../../shared/enums.js';
import type { RequestContext } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { canReadLibraryPrivate } from '../auth/index.js';
import { Library, libraryLoader } from '../library/index.js';
import { Theme, themeLoader } from '../theme/index.js';
import { libraryRegistrationsLoader, themeRegistrationsLoader } from './registration.loaders.js';
import { themeRegistrationsRequest } from './registration.service.js';
import { Registration, RegistrationConnection } from './registration.types.js';
import { ConnectionArgs } from '../../shared/connection-args.js';

@Resolver(() => Registration)
export class RegistrationResolver {
  @FieldResolver(() => String, {
    description:
      "The library's contact person for the theme. An empty string unless you are the library's own staff or a coordinator.",
  })
  contactName(@Ctx() ctx: RequestContext, @Root() registration: Registration): string {
    return canReadLibraryPrivate(ctx, registration.libraryId) ? registration.contactName : '';
  }

  @FieldResolver(() => String, {
    description:
      "The contact person's e-mail address. An empty string unless you are the library's own staff or a coordinator.",
  })
  contactEmail(@Ctx() ctx: RequestContext, @Root() registration: Registration): string {
    return canReadLibraryPrivate(ctx, registration.libraryId) ? registration.contactEmail : '';
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "A note from the library to the coordinators. Null unless you are the library's own staff or a coordinator.",
  })
  note(@Ctx() ctx: RequestContext, @Root() registration: Registration): string | null {
    return canReadLibraryPrivate(ctx, registration.libraryId) ? registration.note : null;
  }

  @FieldResolver(() => Theme, { description: 'The theme signed up for.' })
  async theme(@Ctx() ctx: RequestContext, @Root() registration: Registration): Promise<Theme> {
    const theme = await ctx.loaders.get(themeLoader).load(registration.themeId);
    if (!theme) throw new NotFoundError('The theme of this registration is not visible to you.', 'theme');
    return theme;
  }

  @FieldResolver(() => Library, { description: 'The library that signed up.' })
  async library(@Ctx() ctx: RequestContext, @Root() registration: Registration): Promise<Library> {
    const library = await ctx.loaders.get(libraryLoader).load(registration.libraryId);
    if (!library) throw new Error(`library ${registration.libraryId} of registration ${registration.id} missing`);
    return library;
  }
}

@Resolver(() => Library)
export class LibraryRegistrationsResolver {
  @FieldResolver(() => [Registration], {
    description:
      "The library's sign-ups for themes, newest first. Public; the contact data in them only for the library's own staff and coordinators.",
  })
  registrations(@Ctx() ctx: RequestContext, @Root() library: Library): Promise<Registration[]> {
    return ctx.loaders.get(libraryRegistrationsLoader).load(library.id);
  }
}

@ArgsType()
class ThemeRegistrationsArgs extends ConnectionArgs {
  @Field(() => RegistrationStatus, {
    nullable: true,
    description: 'Only registrations with this status; all when left out.',
  })
  status?: RegistrationStatus | null;
}

@Resolver(() => Theme)
export class ThemeRegistrationsResolver {
  @Authorized('COORDINATOR')
  @FieldResolver(() => RegistrationConnection, {
    nullable: true,
    description:
      "Coordinators only: the libraries' sign-ups for the theme with their contact data, oldest sign-up first (by registeredAt, then id). Null with an error for anyone else, so the rest of the theme still arrives.",
  })
  registrations(
    @Ctx() ctx: RequestContext,
    @Root() theme: Theme,
    @Args(() => ThemeRegistrationsArgs) args: ThemeRegistrationsArgs,
  ): Promise<RegistrationConnection | null> {
    return ctx.loaders.get(themeRegistrationsLoader).load(themeRegistrationsRequest(theme.id, args));
  }
}

@Resolver(() => RegistrationConnection)
export class RegistrationConnectionResolver {
  @FieldResolver(() => Int, {
    description: 'Number of registrations matching, over all pages (counted only when asked for).',
  })
  totalCount(@Root() connection: RegistrationConnection): Promise<number> {
    return connection.countTotal();
  }
}
